//! The names of a fact's enums: `as_str` (columnar outputs) and serde (JSON) agree.

use pledge_model::{Bound, Direction, Kind, Measure};

fn json(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
}

#[test]
fn enum_names_are_the_serialized_ones() {
    for k in [Kind::Target, Kind::Actual] {
        assert_eq!(k.as_str(), json(k));
    }
    for m in [Measure::Level, Measure::Change, Measure::Increment] {
        assert_eq!(m.as_str(), json(m));
    }
    for d in [Direction::Up, Direction::Down] {
        assert_eq!(d.as_str(), json(d));
    }
    for b in [Bound::Eq, Bound::Ge, Bound::Le, Bound::About] {
        assert_eq!(b.as_str(), json(b));
    }
}
