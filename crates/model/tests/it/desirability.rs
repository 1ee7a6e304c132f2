//! Desirability implied by a target's wording (`assess-io.md`).

use pledge_model::{Bound, Desirability, Direction, Measure};

#[test]
fn implied_by_the_wording() {
    use Desirability::{Down, Up};
    // (measure, direction, bound, value, implied)
    let cases = [
        (Measure::Level, None, Bound::Ge, 80000.0, Some(Up)),
        (Measure::Level, None, Bound::Le, 1.0, Some(Down)),
        (Measure::Level, None, Bound::Eq, 40.0, None),
        (Measure::Level, None, Bound::About, 7.0, None),
        (Measure::Change, Some(Direction::Down), Bound::Eq, 14.8, Some(Down)),
        (Measure::Change, Some(Direction::Down), Bound::Ge, 15.5, Some(Down)),
        (Measure::Change, Some(Direction::Up), Bound::About, 6.0, Some(Up)),
        // 增长控制在5%以内: capping growth wants lower values.
        (Measure::Change, Some(Direction::Up), Bound::Le, 5.0, Some(Down)),
        (Measure::Change, None, Bound::Eq, -3.0, Some(Down)),
        (Measure::Increment, None, Bound::Eq, 40.0, Some(Up)),
        (Measure::Increment, None, Bound::Le, 40.0, Some(Down)),
    ];
    for (measure, direction, bound, value, implied) in cases {
        assert_eq!(
            Desirability::implied_by(measure, direction, bound, value),
            implied,
            "{measure:?} {direction:?} {bound:?} {value}"
        );
    }
}

#[test]
fn serde_form_and_sign() {
    assert_eq!(serde_json::to_string(&Desirability::Up).unwrap(), r#""up""#);
    let d: Desirability = serde_json::from_str(r#""down""#).unwrap();
    assert_eq!(d.sign(), -1.0);
    assert_eq!(d.reversed(), Desirability::Up);
}
