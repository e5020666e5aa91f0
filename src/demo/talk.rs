//! What the demo's 1-on-1s say, in the plain words an organizer writes down. `{dept}` and
//! `{shift}` are replaced by the worker's department and shift.

/// The campaign's issue list.
pub const ISSUES: &[&str] = &[
    "pay",
    "mandatory overtime",
    "heat",
    "favoritism",
    "injuries",
    "respect",
    "workload",
    "benefits",
];

/// What a worker said about each issue (same order as [`ISSUES`]).
pub const ISSUE_NOTES: &[&[&str]] = &[
    // pay
    &[
        "Hasn't had a raise in two years; the new hires at the other site start at two dollars more.",
        "Says the {shift} shift differential hasn't changed since 2019.",
        "Works a second job on weekends to cover rent.",
        "Was shorted on holiday pay and payroll took a month to fix it.",
        "Thinks the peak bonus was a bait and switch.",
    ],
    // mandatory overtime
    &[
        "Mandatory overtime four weeks in a row, announced at 3 pm the same day.",
        "Missed her kid's school pickup twice because of forced overtime.",
        "Says {dept} gets mandated while other departments go home on time.",
        "Got an attendance point for leaving after ten hours.",
    ],
    // heat
    &[
        "It hit 104 in the trailers last week and nobody brought water.",
        "The dock fans by doors 3 to 6 have been broken since June.",
        "A coworker in {dept} passed out in July; no incident report was filed.",
        "Wants cooling breaks written down, not left up to the lead.",
    ],
    // favoritism
    &[
        "The good shifts and the overtime go to the supervisor's friends.",
        "Was passed over for lead hand by someone hired last year.",
        "The schedule comes out Friday night for Monday; the same people always get weekends off.",
        "Says vacation requests get approved by who you know.",
    ],
    // injuries
    &[
        "Hurt her back lifting totes and was told to use her own insurance.",
        "Says the rate in {dept} is why people get hurt.",
        "Forklift near miss at the end of aisle 40; the mirror is still missing.",
        "Knows three people who quit after wrist injuries.",
    ],
    // respect
    &[
        "The {shift} supervisor yells at people in front of everyone.",
        "Tired of being timed in the bathroom.",
        "Got written up in English he couldn't read.",
        "Says managers call them bodies on the radio.",
    ],
    // workload
    &[
        "The pick rate went up again in March with no warning.",
        "{dept} is short two people every {shift} shift and nobody is hiring.",
        "Scanners die mid-shift and the downtime counts against her rate.",
    ],
    // benefits
    &[
        "Health insurance went up $60 a paycheck this year.",
        "Can't afford the family plan, so his kids are on Medicaid.",
        "Only five sick days, and you still get a point for using one.",
        "Wants a real retirement match.",
    ],
];

/// How likely each issue comes up, by department (Receiving, Put-away, Picking, Packing,
/// Shipping, Maintenance), in [`ISSUES`] order.
pub const ISSUE_WEIGHTS: &[[u32; 8]; 6] = &[
    [4, 3, 5, 2, 3, 2, 2, 2], // Receiving: the trailers
    [4, 3, 2, 3, 3, 2, 3, 2], // Put-away
    [4, 4, 2, 3, 4, 3, 5, 2], // Picking: rate and injuries
    [4, 4, 2, 3, 3, 3, 4, 2], // Packing
    [4, 3, 5, 3, 3, 2, 2, 2], // Shipping: the trailers
    [5, 4, 2, 2, 2, 2, 2, 4], // Maintenance
];

/// Asks early in the relationship (undecided, leaning against, or no assessment yet).
pub const ASKS_EARLY: &[&str] = &[
    "Would you come to the meeting Thursday after shift at the union hall?",
    "Would you talk to two people on your line about this?",
    "Would you sign the petition on mandatory overtime?",
    "Can I come back next week and talk more?",
    "Would you fill out the heat survey?",
];
/// Asks of supporters.
pub const ASKS_SUPPORTER: &[&str] = &[
    "Will you sign a union card?",
    "Will you wear a button on button day?",
    "Will you come on the delegation to the general manager about the heat?",
    "Will you sign the card and ask one coworker to sign too?",
];
/// Asks of leaders.
pub const ASKS_LEADER: &[&str] = &[
    "Will you join the organizing committee?",
    "Will you bring three coworkers from {dept} to the meeting?",
    "Will you help map who talks to whom on {shift} shift in {dept}?",
    "Will you speak at the delegation?",
];

pub const ANSWERS_YES: &[&str] = &[
    "Yes.",
    "Yes, right away.",
    "Yes, and said she'd bring her cousin from Packing.",
    "Said yes if it's after {shift} shift.",
    "Yes. Said it's about time.",
];
pub const ANSWERS_MAYBE: &[&str] = &[
    "Wants to think about it.",
    "Worried about losing hours; said maybe.",
    "Needs to talk it over at home first.",
    "Not yet; wants to see more people sign first.",
    "Agreed on the issues but is nervous about the supervisor finding out.",
];
pub const ANSWERS_NO: &[&str] = &[
    "No. Said the union will just take dues.",
    "No; thinks things will get better with the new general manager.",
    "Doesn't want trouble; was on a final warning last year.",
    "Said no and asked not to be called at home.",
];

pub const NEXT_STEPS: &[&str] = &[
    "Follow up after payday.",
    "Bring the heat petition.",
    "Introduce to a committee member on {shift} shift.",
    "Check in after the safety meeting.",
    "Bring a card and a stamped envelope.",
    "Invite to the house meeting on Sunday.",
    "Share the overtime survey results.",
    "Ask who else in {dept} feels the same.",
];
/// For a worker who said no: leave the door open.
pub const NEXT_STEPS_NO: &[&str] = &[
    "Leave it for now; a coworker they trust should try next.",
    "Send a committee member from {dept}, not staff.",
];

pub const PLACES: &[&str] = &[
    "break room",
    "parking lot after shift",
    "bus stop on Ridge Rd",
    "home visit",
    "phone call",
    "taco truck by gate 2",
    "union hall",
    "coffee shop on 5th Ave",
];

/// First assessments made before any 1-on-1.
pub const FIRST_READS: &[&str] = &[
    "First read from the chart",
    "Committee member's read",
    "Talked at the gate while leafleting",
];

/// Free notes on a worker.
pub const WORKER_NOTES: &[&str] = &[
    "Trains new hires on the reach truck.",
    "Everyone on {shift} shift goes to them for advice.",
    "Carpools with three people from {dept}.",
    "Eats lunch with the Shipping crew.",
    "Coaches youth soccer on weekends.",
    "Has a sister who also works here, in Packing.",
    "Was written up for rate last month.",
    "On light duty after a shoulder injury.",
    "Close to the {shift} supervisor; be careful what you share.",
    "Plays in the Friday dominoes game in the break room.",
    "Prefers texts to calls.",
    "Rides the 14 bus; can't stay late.",
];

/// Replace `{dept}` and `{shift}`.
pub fn fill(text: &str, dept: &str, shift: &str) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    text.replace("{dept}", dept).replace("{shift}", shift)
}
