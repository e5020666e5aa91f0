//! The arithmetic of the thresholds, in whole workers and always rounded up: a share is reached
//! only by enough whole people (30% of 47 is 14.1, so 15 cards; 65% of 47 is 30.55, so 31).

use super::model::GoalKind;

/// The Board's showing of interest for a petition, in percent of the unit.
pub const SHOWING_OF_INTEREST_PERCENT: u32 = 30;
/// The campaign's own card target when it has not chosen one.
pub const DEFAULT_CARD_TARGET_PERCENT: u32 = 65;
/// One committee member per this many coworkers (the norm the map uses too).
pub const COWORKERS_PER_MEMBER: u32 = crate::graph::analysis::COVERAGE_NORM;

/// Workers needed for `percent`% of `n`, rounded up.
pub fn percent_of(n: u32, percent: u32) -> u32 {
    (u64::from(n) * u64::from(percent)).div_ceil(100) as u32
}

/// Workers needed for more than half of `n` (21 of 40, 24 of 47); 0 of an empty scope.
pub fn more_than_half(n: u32) -> u32 {
    if n == 0 {
        0
    } else {
        n / 2 + 1
    }
}

/// Committee members needed for `n` coworkers: one per 10, rounded up (5 for 47).
pub fn committee_needed(n: u32) -> u32 {
    n.div_ceil(COWORKERS_PER_MEMBER)
}

/// What a goal needs in a scope of `n` workers.
pub fn needed(goal: GoalKind, n: u32, card_target_percent: u32) -> u32 {
    match goal {
        GoalKind::CommitteeCoverage => committee_needed(n),
        GoalKind::Assessed => n,
        GoalKind::MajoritySupport | GoalKind::CardMajority => more_than_half(n),
        GoalKind::ShowingOfInterest => percent_of(n, SHOWING_OF_INTEREST_PERCENT),
        GoalKind::CardTarget => percent_of(n, card_target_percent),
    }
}

/// The tick of a goal on a progress bar, in percent; `None` for goals without one.
pub fn tick_percent(goal: GoalKind, card_target_percent: u32) -> Option<u32> {
    match goal {
        GoalKind::CommitteeCoverage | GoalKind::Assessed => None,
        GoalKind::MajoritySupport | GoalKind::CardMajority => Some(50),
        GoalKind::ShowingOfInterest => Some(SHOWING_OF_INTEREST_PERCENT),
        GoalKind::CardTarget => Some(card_target_percent),
    }
}

/// `count` in percent of `total`, to one decimal; 0 for an empty scope.
pub fn percent(count: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        (f64::from(count) * 1000.0 / f64::from(total)).round() / 10.0
    }
}

/// A goal is met when its scope has workers and enough of them count.
pub fn met(count: u32, needed: u32, total: u32) -> bool {
    total > 0 && count >= needed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_up_to_whole_workers() {
        assert_eq!(percent_of(47, 30), 15);
        assert_eq!(percent_of(40, 30), 12);
        assert_eq!(percent_of(47, 65), 31);
        assert_eq!(percent_of(100, 65), 65);
        assert_eq!(percent_of(0, 65), 0);
        assert_eq!(more_than_half(40), 21);
        assert_eq!(more_than_half(47), 24);
        assert_eq!(more_than_half(1), 1);
        assert_eq!(more_than_half(0), 0);
        assert_eq!(committee_needed(47), 5);
        assert_eq!(committee_needed(40), 4);
        assert_eq!(committee_needed(1), 1);
        assert_eq!(committee_needed(0), 0);
        assert_eq!(percent(118, 412), 28.6);
        assert!(!met(0, 0, 0));
    }
}
