//! The demo's incidents: every category, some near their 10(b) deadline (within 14, 30 and 60
//! days), one past it, one whose charge was filed and served, one filed but not yet served, one
//! closed, with evidence files generated here (a photo as a PNG, a text-message screenshot as an
//! SVG, letters as PDFs, a voicemail as a WAV, a witness's notes as text).
//!
//! Deterministic from the seed (its own stream, 2): the same seed and `today` give the same
//! incidents and the same evidence bytes.

use super::People;
use crate::error::Result;
use crate::incidents::{
    deadline, evidence, store, IncidentCategory, IncidentInput, IncidentStatus,
};
use crate::incidents::{IncidentCategory as C, IncidentStatus as S, PersonRef};
use crate::workers::dates;
use chrono::{Duration, Months, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, OptionalExtension, Transaction};

/// A generated evidence file.
#[derive(Clone, Copy)]
enum File {
    /// A witness's notes, typed the same evening.
    Notes,
    /// A photo (PNG) of `what`.
    Photo(&'static str),
    /// A screenshot (SVG) of a text message from the manager.
    TextMessage(&'static str),
    /// A letter from the employer (PDF): title, body.
    Letter(&'static str, &'static str),
    /// A voicemail (WAV).
    Voicemail,
}

/// One planned incident.
struct Plan {
    category: IncidentCategory,
    /// Days left on the 10(b) clock today (the incident's day is set from it).
    days_left: i64,
    time: &'static str,
    place: &'static str,
    summary: &'static str,
    /// `{m}` the manager, `{a}`/`{a2}` the workers affected, `{w}`/`{w2}` the witnesses, `{date}`
    /// the day, `{time}` the time, `{week_before}` a week earlier, `{dept}`/`{shift}` the first
    /// affected worker's.
    description: &'static str,
    /// A manager not on the list, named in free text.
    named_manager: Option<&'static str>,
    affected: usize,
    witnesses: usize,
    /// Status steps reached, with their day counted from the day the organizer learned of it.
    steps: &'static [(IncidentStatus, i64)],
    files: &'static [File],
}

const PLANS: &[Plan] = &[
    Plan {
        category: C::Threat,
        days_left: 9,
        time: "12:20",
        place: "{dept} break room",
        summary: "Supervisor said the building would close if the union wins",
        description: "On {date} at about {time}, in the {dept} break room, {m} sat down at the table where {a} and {a2} were eating lunch and said: \"If this union thing goes through, Northgate will shut this building down and move the work to the Joliet DC. They've done it before.\" {a} asked whether that was official. {m} answered: \"Take it however you want, but I'd start looking.\" {w} was at the next table and heard the whole exchange; about eight other {shift} shift workers were in the room.",
        named_manager: None,
        affected: 2,
        witnesses: 1,
        steps: &[(S::SentToCounsel, 6)],
        files: &[File::Notes],
    },
    Plan {
        category: C::Interrogation,
        days_left: 24,
        time: "06:45",
        place: "Receiving office",
        summary: "Called into the office and asked who is handing out union cards",
        description: "On {date}, shortly after the {shift} shift started, {m} called {a} into the Receiving office and closed the door. {m} asked who had been handing out union cards in the parking lot and whether {a} had signed one. {a} said they did not want to talk about it. {m} said: \"I'm just trying to help you here. People who are honest with me get taken care of.\" The meeting lasted about ten minutes. {w} saw {a} go in and come out, and {a} told {w} what had been said right away.",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[],
        files: &[],
    },
    Plan {
        category: C::PromiseOfBenefit,
        days_left: 47,
        time: "07:00",
        place: "Start-up meeting at Dock 3",
        summary: "Manager promised the attendance bonus back once \"this union thing blows over\"",
        description: "At the {shift} shift start-up meeting on {date}, in front of about thirty workers at Dock 3, {m} said the company \"is looking hard at bringing back the attendance bonus and fixing the weekend rotation\" and that \"once this union thing blows over, you'll see what we can do when there's nobody in the middle.\" {a} asked when the bonus would come back; {m} said: \"It depends on how the next few weeks go.\" {w} and {w2} were at the meeting.",
        named_manager: None,
        affected: 1,
        witnesses: 2,
        steps: &[],
        files: &[],
    },
    Plan {
        category: C::Surveillance,
        days_left: -12,
        time: "15:30",
        place: "Employee parking lot, north gate",
        summary: "Supervisor wrote down names of workers taking flyers at the gate",
        description: "On {date} at about {time}, while organizers handed out flyers at the north gate at shift change, {m} stood by the gate with a clipboard and wrote while workers took flyers. {w} saw this from the bus stop and took a photo. The next morning {m} stopped {a} at the time clock and said: \"Saw you out at the gate yesterday with your new friends.\" That evening {m} texted {a} (screenshot attached).",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[],
        files: &[
            File::Photo("north-gate"),
            File::TextMessage("saw u at the gate w/ the union ppl yesterday. not a good look for someone who wants lead"),
        ],
    },
    Plan {
        category: C::Retaliation,
        days_left: 50,
        time: "14:10",
        place: "Dock 2",
        summary: "Fired for a \"safety violation\" a week after speaking at the delegation",
        description: "{a} spoke for the committee at the delegation to the general manager on {week_before}. On {date}, {m} fired {a} for \"failure to wear a high-visibility vest\" at Dock 2. {a} had taken the vest off for under a minute to clear a jammed roller; {w} was beside {a} and saw it. {w} says at least three other workers on the dock went without vests that week and none was disciplined. {a} had no discipline in four years.",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[(S::SentToCounsel, 2), (S::ChargeFiled, 12), (S::ChargeServed, 15)],
        files: &[File::Letter(
            "Notice of Termination",
            "Your employment with Northgate Logistics is terminated effective {date} for violation of Safety Policy 4.2 (high-visibility vest required on all dock areas at all times).",
        )],
    },
    Plan {
        category: C::Retaliation,
        days_left: 38,
        time: "10:30",
        place: "Pack stations, {dept}",
        summary: "Written warning for \"excessive talking\" after wearing a union button",
        description: "{a} began wearing a union button on {week_before}. On {date}, {m} gave {a} a written warning for \"excessive talking and distracting coworkers\" at the pack stations. No one else on the line was written up, though talking at the stations is normal and {m} has not disciplined anyone for it before. {w} works the next station and says {a} talked no more than anyone else.",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[(S::SentToCounsel, 3), (S::ChargeFiled, 120)],
        files: &[File::Letter(
            "Written Warning",
            "On {date} you were observed engaging in excessive talking and distracting coworkers at the pack stations. Further violations will lead to discipline up to and including termination.",
        )],
    },
    Plan {
        category: C::Other,
        days_left: 95,
        time: "09:15",
        place: "{dept} break room bulletin board",
        summary: "Union flyers taken off the break room board; other postings left up",
        description: "On {date}, {m} took the union meeting flyers down from the break room bulletin board and threw them away. A car-for-sale notice, a church bake sale flyer and a fantasy football sign-up sheet were left up. {w} saw it happen and took a photo of the board afterwards. Management put the flyers back two days later after the committee asked, and posted that the board is open to all notices.",
        named_manager: None,
        affected: 0,
        witnesses: 1,
        steps: &[(S::SentToCounsel, 4), (S::Closed, 21)],
        files: &[File::Photo("bulletin-board")],
    },
    Plan {
        category: C::Threat,
        days_left: 150,
        time: "13:00",
        place: "Mandatory meeting, training room",
        summary: "HR manager said workers could lose their 401(k) match in bargaining",
        description: "At a mandatory meeting on {date} in the training room, Patricia Lowell from HR told about 25 {shift} shift workers that \"bargaining starts from zero\" and \"you could lose your 401(k) match and your vacation time\" if the union wins. {m} stood at the back of the room. {a} asked whether the company would bargain in good faith; Lowell said: \"We'll see. Nobody can make us agree to anything.\" {w} took notes on the back of the handout.",
        named_manager: Some("Patricia Lowell (HR Manager)"),
        affected: 1,
        witnesses: 1,
        steps: &[],
        files: &[File::Notes],
    },
    Plan {
        category: C::Surveillance,
        days_left: 120,
        time: "11:00",
        place: "{dept} break room",
        summary: "New camera pointed at the table where the committee eats",
        description: "On {date}, {m} had a new camera mounted over the table in the {dept} break room where committee members usually eat together. It went up the day after {a} and {a2} were seen handing out cards there. {m} told {w}: \"Now we'll know who's doing what on break.\"",
        named_manager: None,
        affected: 2,
        witnesses: 1,
        steps: &[],
        files: &[File::Photo("camera")],
    },
    Plan {
        category: C::Interrogation,
        days_left: 100,
        time: "22:40",
        place: "{dept}, station by station",
        summary: "Supervisor asked workers one by one how they will vote",
        description: "During the {shift} shift on {date}, {m} went station by station in {dept} asking workers \"where they stand\" on the union and how they would vote. {a} was asked twice. {w} was asked too and said they would rather not say; {m} wrote something down after each conversation.",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[(S::SentToCounsel, 10)],
        files: &[],
    },
    Plan {
        category: C::PromiseOfBenefit,
        days_left: 170,
        time: "16:05",
        place: "{dept}",
        summary: "Supervisor offered a move to day shift \"if you stay out of the union stuff\"",
        description: "On {date}, {a} asked {m} about the open day-shift slot in {dept}. {m} said: \"It's yours if you stay out of the union stuff. I can't have committee people on days.\" {w} was at the next station and heard it.",
        named_manager: None,
        affected: 1,
        witnesses: 1,
        steps: &[],
        files: &[],
    },
    Plan {
        category: C::Retaliation,
        days_left: 3,
        time: "17:30",
        place: "Posted schedule, {dept}",
        summary: "Hours cut for two workers the week after button day",
        description: "On {date}, {m} cut {a} and {a2} from five shifts to three on the posted schedule, the week after both wore union shirts on button day. Nobody else in {dept} lost hours, and two new temps were scheduled for full weeks. {m} left {a} a voicemail that evening (attached): \"Schedule's the schedule. Maybe think about who your friends are.\" {w} saw the posted schedule.",
        named_manager: None,
        affected: 2,
        witnesses: 1,
        steps: &[],
        files: &[File::Voicemail],
    },
];

/// Managers named when the demo has no supervisor on its list.
const FALLBACK_MANAGERS: &[&str] = &[
    "Rick Dawson (Operations Supervisor)",
    "Karen Mills (Area Manager)",
];

struct Person {
    name: String,
    department: String,
    shift: String,
}

fn person(conn: &Connection, id: i64) -> Result<Person> {
    Ok(conn
        .query_row(
            "SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE legal_name END, department, shift
             FROM worker WHERE id = ?1",
            [id],
            |r| {
                Ok(Person {
                    name: r.get(0)?,
                    department: r.get(1)?,
                    shift: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or(Person {
            name: "a coworker".into(),
            department: "Picking".into(),
            shift: "Day".into(),
        }))
}

/// The day whose 10(b) last day is `days_left` days from `today` (or a day or two earlier, when
/// months of different lengths clamp).
fn occurred_for(today: NaiveDate, days_left: i64) -> NaiveDate {
    let last = today + Duration::days(days_left);
    let mut day = last
        .checked_sub_months(Months::new(deadline::MONTHS))
        .unwrap_or(last);
    // Clamping can put the last day after the target: step back until it is not.
    while deadline::last_day(day) > last {
        day -= Duration::days(1);
    }
    day
}

fn fill(template: &str, words: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in words {
        out = out.replace(key, value);
    }
    out
}

/// 12-hour time, "2:15 pm".
fn clock_time(hhmm: &str) -> String {
    let (h, m) = hhmm.split_once(':').unwrap_or(("12", "00"));
    let h: u32 = h.parse().unwrap_or(12);
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        x => x,
    };
    format!("{h12}:{m} {suffix}")
}

/// Add the demo incidents; returns how many.
pub(super) fn add(tx: &Transaction<'_>, people: &People) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(people.seed);
    rng.set_stream(2);
    let today = people.today;
    let mut count = 0;
    for plan in PLANS {
        // The people: managers from the supervisors, the others distinct workers.
        let manager = people.supervisors.choose(&mut rng).copied();
        let mut chosen: Vec<i64> = people
            .workers
            .choose_multiple(&mut rng, plan.affected + plan.witnesses)
            .copied()
            .collect();
        let witnesses = chosen.split_off(plan.affected.min(chosen.len()));
        let affected = chosen;
        let fallback = FALLBACK_MANAGERS[rng.gen_range(0..FALLBACK_MANAGERS.len())];

        let occurred = occurred_for(today, plan.days_left);
        let learned = (occurred + Duration::days(rng.gen_range(0..=2))).min(today);
        let name_of = |id: Option<&i64>| -> Result<Option<Person>> {
            id.map(|&id| person(tx, id)).transpose()
        };
        let m = match manager {
            Some(id) => person(tx, id)?.name,
            None => fallback.split(" (").next().unwrap_or(fallback).to_string(),
        };
        let a = name_of(affected.first())?;
        let a2 = name_of(affected.get(1))?;
        let w = name_of(witnesses.first())?;
        let w2 = name_of(witnesses.get(1))?;
        let (dept, shift) = a.as_ref().or(w.as_ref()).map_or(("Picking", "Day"), |p| {
            (p.department.as_str(), p.shift.as_str())
        });
        let date = occurred.format("%A, %B %-d").to_string();
        let week_before = (occurred - Duration::days(7))
            .format("%A, %B %-d")
            .to_string();
        let time = clock_time(plan.time);
        let or = |p: &Option<Person>, default: &'static str| {
            p.as_ref().map_or(default.to_string(), |p| p.name.clone())
        };
        let (a_name, a2_name, w_name, w2_name) = (
            or(&a, "a coworker"),
            or(&a2, "another coworker"),
            or(&w, "a coworker"),
            or(&w2, "another coworker"),
        );
        let words: [(&str, &str); 10] = [
            ("{m}", &m),
            ("{a2}", &a2_name),
            ("{a}", &a_name),
            ("{w2}", &w2_name),
            ("{w}", &w_name),
            ("{date}", &date),
            ("{time}", &time),
            ("{week_before}", &week_before),
            ("{dept}", dept),
            ("{shift}", shift),
        ];

        let mut managers: Vec<PersonRef> = Vec::new();
        match manager {
            Some(id) => managers.push(PersonRef::worker(id)),
            None => managers.push(PersonRef::named(fallback)),
        }
        if let Some(named) = plan.named_manager {
            managers.push(PersonRef::named(named));
        }
        let filed = plan.steps.iter().any(|(s, _)| *s == S::ChargeFiled);
        let input = IncidentInput {
            occurred_on: dates::fmt(occurred),
            occurred_time: Some(plan.time.to_string()),
            place: fill(plan.place, &words),
            learned_on: dates::fmt(learned),
            category: plan.category,
            summary: plan.summary.to_string(),
            description: fill(plan.description, &words),
            case_number: if filed {
                format!("07-CA-{:06}", rng.gen_range(300_000..400_000))
            } else {
                String::new()
            },
            managers,
            affected: affected.clone(),
            witnesses: witnesses.clone(),
        };
        let id = store::create(tx, people.campaign_id, &input, today)?;
        for &(status, after) in plan.steps {
            let on = (learned + Duration::days(after)).min(today);
            store::set_status(tx, id, status, Some(&dates::fmt(on)), today)?;
        }
        for file in plan.files {
            let (name, media, bytes) = make_file(
                *file,
                &mut rng,
                &words,
                &input.description,
                occurred,
                &a_name,
                &m,
            );
            evidence::add(tx, id, &name, media, &mut bytes.as_slice())?;
        }
        count += 1;
    }
    Ok(count)
}

fn make_file(
    file: File,
    rng: &mut ChaCha8Rng,
    words: &[(&str, &str)],
    description: &str,
    occurred: NaiveDate,
    affected: &str,
    manager: &str,
) -> (String, &'static str, Vec<u8>) {
    let day = dates::fmt(occurred);
    match file {
        File::Notes => {
            let text = format!(
                "{}\n\n{description}\n\nI typed this up at home the same evening so I would not forget it. I am willing to talk to a Board agent about it.\n",
                fill("Notes by {w}, written the evening of {date}.", words)
            );
            (format!("notes-{day}.txt"), "text/plain", text.into_bytes())
        }
        File::Photo(what) => (
            format!("photo-{what}-{day}.png"),
            "image/png",
            png(rng, 160, 120),
        ),
        File::TextMessage(text) => (
            format!("screenshot-text-{day}.svg"),
            "image/svg+xml",
            text_message_svg(manager, &fill("{date} {time}", words), text).into_bytes(),
        ),
        File::Letter(title, body) => (
            format!("{}-{day}.pdf", title.to_lowercase().replace(' ', "-")),
            "application/pdf",
            letter_pdf(title, affected, manager, &fill(body, words), &day),
        ),
        File::Voicemail => (
            format!("voicemail-{day}.wav"),
            "audio/wav",
            wav(rng, 8_000, 6_000),
        ),
    }
}

/// CRC-32 (ISO-HDLC, as PNG uses).
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for part in parts {
        for &byte in *part {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A small valid PNG (RGB, 8 bits): a dim photo-like scene of blocks and noise, from `rng`. The
/// image data is a zlib stream of stored (uncompressed) deflate blocks.
fn png(rng: &mut ChaCha8Rng, width: u32, height: u32) -> Vec<u8> {
    let sky: [u8; 3] = [rng.gen_range(90..140), rng.gen_range(100..150), 160];
    let ground: [u8; 3] = [rng.gen_range(60..90), rng.gen_range(60..90), 70];
    let blocks: Vec<(u32, u32, u32, u32, [u8; 3])> = (0..4)
        .map(|_| {
            let (x, y) = (rng.gen_range(0..width - 30), rng.gen_range(20..height - 30));
            (
                x,
                y,
                rng.gen_range(15..40),
                rng.gen_range(15..40),
                [rng.gen(), rng.gen(), rng.gen()],
            )
        })
        .collect();
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let mut c = if y < height * 2 / 5 { sky } else { ground };
            for &(bx, by, bw, bh, colour) in &blocks {
                if (bx..bx + bw).contains(&x) && (by..by + bh).contains(&y) {
                    c = colour;
                }
            }
            let noise: i16 = rng.gen_range(-6..=6);
            for ch in c {
                raw.push((i16::from(ch) + noise).clamp(0, 255) as u8);
            }
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc32(&[kind, data]).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &zlib);
    chunk(b"IEND", &[]);
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Break `text` into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A phone screenshot of a text message, as SVG.
fn text_message_svg(from: &str, when: &str, message: &str) -> String {
    let lines = wrap(message, 34);
    let bubble_h = 16 + 20 * lines.len();
    let height = 90 + bubble_h;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"{height}\" viewBox=\"0 0 360 {height}\">\n\
         <rect width=\"360\" height=\"{height}\" fill=\"#f2f2f7\"/>\n\
         <text x=\"180\" y=\"30\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"15\" font-weight=\"bold\" fill=\"#111\">{}</text>\n\
         <text x=\"180\" y=\"56\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#666\">{}</text>\n\
         <rect x=\"14\" y=\"70\" rx=\"16\" width=\"290\" height=\"{bubble_h}\" fill=\"#e5e5ea\"/>\n",
        xml_escape(from),
        xml_escape(when)
    );
    for (i, line) in lines.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"28\" y=\"{}\" font-family=\"sans-serif\" font-size=\"15\" fill=\"#111\">{}</text>\n",
            92 + 20 * i,
            xml_escape(line)
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// ASCII for a PDF string in a standard font: accents dropped, other characters left out, and
/// the string's delimiters escaped.
fn pdf_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        match c {
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A one-page letter from the employer as a minimal, valid PDF (Helvetica, a hand-built xref).
fn letter_pdf(title: &str, to: &str, from: &str, body: &str, day: &str) -> Vec<u8> {
    let mut lines: Vec<(u32, String)> = vec![
        (16, super::EMPLOYER.to_string()),
        (
            11,
            "Riverside Distribution Center, 4100 River Rd, Riverside".into(),
        ),
        (11, String::new()),
        (14, title.to_string()),
        (11, String::new()),
        (11, format!("Date: {day}")),
        (11, format!("To: {to}")),
        (11, format!("From: {from}")),
        (11, String::new()),
    ];
    lines.extend(wrap(body, 85).into_iter().map(|l| (11, l)));
    lines.push((11, String::new()));
    lines.push((11, "Employee signature: ______________________".into()));
    let mut content = String::from("BT\n72 720 Td\n");
    for (size, text) in &lines {
        content.push_str(&format!(
            "/F1 {size} Tf\n({}) Tj\n0 -{} Td\n",
            pdf_text(text),
            size + 6
        ));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        tail.push_str(&format!("{off:010} 00000 n \n"));
    }
    tail.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.extend_from_slice(tail.as_bytes());
    pdf
}

/// A short mono 16-bit PCM WAV: a muffled, noisy murmur, like a phone voicemail.
fn wav(rng: &mut ChaCha8Rng, rate: u32, samples: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity(samples as usize * 2);
    let mut level = 0f32;
    for i in 0..samples {
        let t = i as f32 / rate as f32;
        // A voice-like envelope (syllables) over low-passed noise.
        let envelope = ((t * 4.0 * std::f32::consts::PI).sin().abs() * 0.8 + 0.2) * 2_000.0;
        level = level * 0.85 + rng.gen_range(-1.0f32..1.0) * 0.15;
        let sample = (level * envelope * 3.0) as i16;
        data.extend_from_slice(&sample.to_le_bytes());
    }
    let mut out = Vec::with_capacity(44 + data.len());
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_adler_match_known_values() {
        assert_eq!(crc32(&[b"IEND"]), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn generated_files_are_well_formed() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let p = png(&mut rng, 160, 120);
        assert!(p.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(p.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
        let pdf = letter_pdf(
            "Written Warning",
            "Ana Ruiz",
            "Tom Lee",
            "Body (text).",
            "2026-01-02",
        );
        let text = String::from_utf8(pdf.clone()).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        // The xref offset points at the xref table, and each object's offset at its header.
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[startxref..].starts_with("xref\n"));
        for (i, line) in text[startxref..].lines().skip(3).take(5).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", i + 1)),
                "{line}"
            );
            assert_eq!(line.len() + 1, 20, "xref entries are 20 bytes");
        }
        let w = wav(&mut rng, 8_000, 100);
        assert_eq!(w.len(), 44 + 200);
        assert!(w.starts_with(b"RIFF") && w[8..16] == *b"WAVEfmt ");
    }

    #[test]
    fn the_incident_day_gives_the_planned_days_left() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for plan in PLANS {
            let occurred = occurred_for(today, plan.days_left);
            let left = deadline::days_left(deadline::last_day(occurred), today);
            assert!(
                (plan.days_left - 3..=plan.days_left).contains(&left),
                "{} → {left}",
                plan.days_left
            );
        }
    }
}
