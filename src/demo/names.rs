//! Name pools for the demo: a warehouse workforce of many origins. Every name here is common;
//! the combinations are random, so any resemblance to a real person is a coincidence.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    F,
    M,
    /// Used for any gender.
    N,
}
use Gender::{F, M, N};

/// A given name, its gender as usually read, and a nickname some people go by ("" if none).
pub type First = (&'static str, Gender, &'static str);

pub struct Origin {
    pub weight: u32,
    pub first: &'static [First],
    /// Family names; "Kowalski/Kowalska" gives the masculine and feminine forms.
    pub last: &'static [&'static str],
    /// Vietnamese order: family name, middle name, given name.
    pub family_first: bool,
    /// Chance (percent) of a second family name (Spanish custom).
    pub second_last: u32,
    /// Languages spoken, with weights.
    pub languages: &'static [(&'static str, u32)],
}

pub const ORIGINS: &[Origin] = &[
    // United States, English-speaking.
    Origin {
        weight: 30,
        first: &[
            ("James", M, "Jim"),
            ("Robert", M, "Bobby"),
            ("Michael", M, "Mike"),
            ("William", M, "Will"),
            ("Christopher", M, "Chris"),
            ("Joseph", M, "Joe"),
            ("Jennifer", F, "Jen"),
            ("Jessica", F, "Jess"),
            ("Ashley", F, ""),
            ("Sarah", F, ""),
            ("Elizabeth", F, "Liz"),
            ("Jordan", N, ""),
            ("Taylor", N, ""),
            ("DeShawn", M, ""),
            ("Tamika", F, ""),
            ("Jamal", M, ""),
            ("Keisha", F, ""),
            ("Darnell", M, ""),
            ("LaToya", F, ""),
            ("Aaliyah", F, ""),
        ],
        last: &[
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Thomas",
            "Jackson",
            "White",
            "Harris",
            "Robinson",
            "Walker",
            "Washington",
            "Coleman",
            "O'Brien",
        ],
        family_first: false,
        second_last: 0,
        languages: &[("English", 92), ("English, Spanish", 8)],
    },
    // Mexico, Central America, the Caribbean.
    Origin {
        weight: 28,
        first: &[
            ("José", M, "Pepe"),
            ("María", F, ""),
            ("Juan", M, ""),
            ("Guadalupe", F, "Lupe"),
            ("Luis", M, ""),
            ("Rosa", F, ""),
            ("Carlos", M, ""),
            ("Ana", F, ""),
            ("Jesús", M, "Chuy"),
            ("Alejandra", F, "Ale"),
            ("Miguel", M, ""),
            ("Verónica", F, "Vero"),
            ("Francisco", M, "Paco"),
            ("Yesenia", F, ""),
            ("Ricardo", M, ""),
            ("Marisol", F, ""),
            ("Héctor", M, ""),
            ("Esperanza", F, ""),
        ],
        last: &[
            "García",
            "Hernández",
            "Martínez",
            "López",
            "González",
            "Rodríguez",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Flores",
            "Torres",
            "Rivera",
            "Cruz",
            "Morales",
            "Reyes",
            "Gutiérrez",
            "Ortiz",
            "Castillo",
        ],
        family_first: false,
        second_last: 35,
        languages: &[("Spanish, English", 55), ("Spanish", 35), ("English", 10)],
    },
    Origin {
        weight: 10,
        first: &[
            ("Minh", N, ""),
            ("Lan", F, "Lana"),
            ("Hùng", M, "Henry"),
            ("Thảo", F, ""),
            ("Tuấn", M, "Tony"),
            ("Hương", F, ""),
            ("Dũng", M, ""),
            ("Linh", F, ""),
            ("Phúc", M, "Phil"),
            ("Trang", F, ""),
        ],
        last: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"],
        family_first: true,
        second_last: 0,
        languages: &[("Vietnamese, English", 60), ("Vietnamese", 40)],
    },
    Origin {
        weight: 8,
        first: &[
            ("Abdi", M, ""),
            ("Mohamed", M, "Mo"),
            ("Ahmed", M, ""),
            ("Hodan", F, ""),
            ("Fadumo", F, ""),
            ("Halima", F, ""),
            ("Yusuf", M, ""),
            ("Asha", F, ""),
            ("Ismail", M, ""),
            ("Sahra", F, ""),
        ],
        last: &[
            "Hassan",
            "Mohamed",
            "Ali",
            "Farah",
            "Abdullahi",
            "Warsame",
            "Jama",
            "Osman",
            "Hussein",
            "Omar",
        ],
        family_first: false,
        second_last: 0,
        languages: &[
            ("Somali, English", 70),
            ("Somali, Arabic, English", 15),
            ("Somali", 15),
        ],
    },
    Origin {
        weight: 7,
        first: &[
            ("Piotr", M, "Pete"),
            ("Katarzyna", F, "Kasia"),
            ("Tomasz", M, "Tomek"),
            ("Agnieszka", F, "Aga"),
            ("Krzysztof", M, "Chris"),
            ("Magdalena", F, "Magda"),
            ("Paweł", M, ""),
            ("Anna", F, ""),
        ],
        last: &[
            "Kowalski/Kowalska",
            "Nowak",
            "Wiśniewski/Wiśniewska",
            "Wójcik",
            "Kamiński/Kamińska",
            "Lewandowski/Lewandowska",
            "Zieliński/Zielińska",
            "Szymański/Szymańska",
        ],
        family_first: false,
        second_last: 0,
        languages: &[("Polish, English", 75), ("Polish", 25)],
    },
    Origin {
        weight: 7,
        first: &[
            ("Maricel", F, ""),
            ("Arnel", M, "Jun"),
            ("Rowena", F, "Weng"),
            ("Ramon", M, ""),
            ("Jocelyn", F, "Joy"),
            ("Rodel", M, ""),
        ],
        last: &[
            "Santos",
            "Dela Cruz",
            "Bautista",
            "Villanueva",
            "Mendoza",
            "Aquino",
        ],
        family_first: false,
        second_last: 0,
        languages: &[("Tagalog, English", 85), ("Ilocano, Tagalog, English", 15)],
    },
    Origin {
        weight: 5,
        first: &[
            ("Omar", M, ""),
            ("Fatima", F, ""),
            ("Khalid", M, ""),
            ("Layla", F, ""),
        ],
        last: &["Haddad", "Saleh", "Nasser", "Khalil"],
        family_first: false,
        second_last: 0,
        languages: &[("Arabic, English", 70), ("Arabic", 30)],
    },
    Origin {
        weight: 5,
        first: &[
            ("Jean-Pierre", M, "JP"),
            ("Marie-Claire", F, ""),
            ("Wilner", M, ""),
            ("Nadège", F, ""),
        ],
        last: &["Pierre", "Joseph", "Baptiste", "Louis"],
        family_first: false,
        second_last: 0,
        languages: &[
            ("Haitian Creole, French, English", 50),
            ("Haitian Creole, English", 50),
        ],
    },
];

/// Vietnamese middle names by gender.
pub const VIETNAMESE_MIDDLE_F: &[&str] = &["Thị", "Ngọc", "Minh"];
pub const VIETNAMESE_MIDDLE_M: &[&str] = &["Văn", "Đức", "Minh", "Quang"];

/// Fictional streets in a fictional town.
pub const STREETS: &[&str] = &[
    "River Rd",
    "Ridge Rd",
    "Elm St",
    "5th Ave",
    "Cedar Ln",
    "Industrial Pkwy",
    "Maple Ct",
    "Lincoln Blvd",
    "Harbor Way",
    "Orchard St",
];

/// Area codes for fictional 555-01xx numbers.
pub const AREA_CODES: &[&str] = &["213", "312", "414", "503", "612", "717"];

/// Staff organizers (everyone else who logs a 1-on-1 is on the committee).
pub const STAFF_ORGANIZERS: &[&str] = &["Dana Whitfield", "Luis Ortega", "Kim Tran"];
