//! Germany's sustainability strategy (DNS) weather symbols (§5): the mean of the last five
//! annual changes extrapolated to the target year, and the miss relative to the distance.

/// The DNS weather symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weather {
    /// Reached, or missed by less than 5%.
    Sun,
    /// Missed by 5–20%.
    SunCloud,
    /// Missed by more than 20% but moving the right way.
    Cloud,
    /// Moving the wrong way.
    Thunderstorm,
}

/// The projection and its class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DnsResult {
    /// Mean annual change over the last (up to) five changes.
    pub mean_change: f64,
    /// The value projected for the target year.
    pub projected: f64,
    /// The miss as a share of |target − current| (0 when reached).
    pub miss: f64,
    /// The symbol.
    pub weather: Weather,
}

/// Projects the last six points (five changes) to `target_year`; `None` with fewer than
/// two points, a current value already equal to the target, or non-finite numbers.
pub fn assess(points: &[(i32, f64)], target: f64, target_year: i32) -> Option<DnsResult> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.0);
    let window = &points[points.len().saturating_sub(6)..];
    let (&(y0, v0), &(yt, vt)) = (window.first()?, window.last()?);
    if yt <= y0 {
        return None;
    }
    let mean_change = (vt - v0) / f64::from(yt - y0);
    let projected = vt + mean_change * f64::from(target_year - yt);
    let distance = target - vt;
    if distance == 0.0 || !projected.is_finite() {
        return None;
    }
    let up = distance > 0.0;
    let reached = if up { projected >= target } else { projected <= target };
    let miss = if reached {
        0.0
    } else {
        (target - projected).abs() / distance.abs()
    };
    let right_way = mean_change * distance > 0.0;
    let weather = if miss < 0.05 {
        Weather::Sun
    } else if miss <= 0.20 {
        Weather::SunCloud
    } else if right_way {
        Weather::Cloud
    } else {
        Weather::Thunderstorm
    };
    Some(DnsResult {
        mean_change,
        projected,
        miss,
        weather,
    })
}
