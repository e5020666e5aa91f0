//! Dates as employers' lists write them, read into `YYYY-MM-DD`.

use chrono::{Datelike, Duration, NaiveDate};

/// How to read an ambiguous slashed date such as `05/03/2020`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// `M/D/YYYY` (US), unless the first number cannot be a month.
    #[default]
    MonthFirst,
    /// `D/M/YYYY` (most of the world, e.g. Mexico), unless the second number cannot be a month.
    DayFirst,
}

/// Excel serial numbers accepted as dates: 10000 (1927-05-18) to 99999 (2173-10-14). A smaller
/// number is more likely a year or a typo than a date.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 10_000.0..=99_999.0;

/// Reads a date written as `YYYY-MM-DD` (or `YYYY/MM/DD`), `M/D/YYYY`, `MM/DD/YY`, `D.M.YYYY`,
/// `D-M-YYYY`, `5-Mar-2020`, `Mar 5, 2020`, an Excel serial number (`43895`), or any of these
/// followed by a time (`2020-03-05T00:00:00`, `3/5/2020 0:00`). Returns `None` if it is not a
/// date. Two-digit years are in this century unless that would be more than a year ahead.
pub fn parse_date(s: &str, order: DayOrder) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<f64>() {
        return from_excel_serial(n);
    }
    // Drop a time part: "2020-03-05T00:00:00", "3/5/2020 0:00", "2020-03-05 12:00:00+00".
    let date_part = match s.find(['T', ' ']) {
        Some(i) if s[i + 1..].contains(':') && !s[..i].contains(' ') => &s[..i],
        _ => s,
    };
    numeric_date(date_part, order).or_else(|| named_month_date(s))
}

/// A date from an Excel serial number (1900 date system, days since 1899-12-30).
pub fn from_excel_serial(n: f64) -> Option<NaiveDate> {
    if !SERIAL_RANGE.contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(n.floor() as i64))
}

fn numeric_date(s: &str, order: DayOrder) -> Option<NaiveDate> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut split = s.split(sep);
    let (Some(p0), Some(p1), Some(p2), None) =
        (split.next(), split.next(), split.next(), split.next())
    else {
        return None;
    };
    let parts = [p0, p1, p2];
    if parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let nums = [
        p0.parse::<u32>().ok()?,
        p1.parse::<u32>().ok()?,
        p2.parse::<u32>().ok()?,
    ];
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2]);
    }
    if parts[2].len() != 4 && parts[2].len() != 2 {
        return None;
    }
    let year = if parts[2].len() == 2 {
        two_digit_year(nums[2])
    } else {
        nums[2] as i32
    };
    // Dots are the European D.M.YYYY; slashes and dashes follow the column's order.
    let day_first = sep == '.' || order == DayOrder::DayFirst;
    let (a, b) = (nums[0], nums[1]);
    let (month, day) = if day_first { (b, a) } else { (a, b) };
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        // The other order, when the first reading has no such month: 31/12/2020, 12/31/2020.
        if month > 12 {
            NaiveDate::from_ymd_opt(year, day, month)
        } else {
            None
        }
    })
}

/// `YYYY-MM-DD`, as `date.format("%Y-%m-%d")` writes it (without parsing a format string for
/// each of a list's 100,000 dates).
pub fn iso_day(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return date.format("%Y-%m-%d").to_string();
    }
    let mut out = String::with_capacity(10);
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let y = y as u32;
    for n in [y / 1000, y / 100, y / 10, y] {
        out.push(digit(n));
    }
    out.push('-');
    out.push(digit(m / 10));
    out.push(digit(m));
    out.push('-');
    out.push(digit(d / 10));
    out.push(digit(d));
    out
}

fn two_digit_year(yy: u32) -> i32 {
    let this_year = chrono::Local::now().year();
    let y = 2000 + yy as i32;
    if y > this_year + 1 {
        y - 100
    } else {
        y
    }
}

fn named_month_date(s: &str) -> Option<NaiveDate> {
    const FORMATS: &[&str] = &[
        // Two-digit years first: "%Y" would read "20" as the year 20.
        "%d-%b-%y",
        "%d-%b-%Y",
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
    ];
    FORMATS.iter().find_map(|f| {
        NaiveDate::parse_from_str(s, f).ok().map(|d| {
            // %y reads "20" as 2020 and "95" as 1995 (POSIX pivot at 69); keep hire dates past.
            if f.ends_with("%y") {
                let yy = (d.year() % 100) as u32;
                d.with_year(two_digit_year(yy)).unwrap_or(d)
            } else {
                d
            }
        })
    })
}

/// Whether a column of slashed dates is written day first: some value's first number is over 12
/// and none has a second number over 12. Otherwise month first (the US default).
pub fn detect_day_order<'a>(values: impl Iterator<Item = &'a str>) -> DayOrder {
    let (mut first_big, mut second_big) = (false, false);
    for v in values {
        let v = v.trim();
        let date = v.split([' ', 'T']).next().unwrap_or("");
        let mut parts = date.split(['/', '-']);
        let (Some(p0), Some(p1), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if p0.len() > 2 {
            continue;
        }
        let (Ok(a), Ok(b)) = (p0.parse::<u32>(), p1.parse::<u32>()) else {
            continue;
        };
        first_big |= a > 12;
        second_big |= b > 12;
    }
    if first_big && !second_big {
        DayOrder::DayFirst
    } else {
        DayOrder::MonthFirst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_date(s, DayOrder::MonthFirst).map(|d| d.to_string())
    }

    #[test]
    fn accepted_formats() {
        let want = Some("2020-03-05".to_string());
        for s in [
            "2020-03-05",
            "2020-3-5",
            "2020/03/05",
            "3/5/2020",
            "03/05/2020",
            "03/05/20",
            "5.3.2020",
            "05.03.2020",
            "43895",
            "43895.0",
            "2020-03-05T00:00:00",
            "2020-03-05 13:45:00",
            "3/5/2020 0:00",
            "5-Mar-2020",
            "05-MAR-20",
            "Mar 5, 2020",
            "March 5, 2020",
            "5 March 2020",
        ] {
            assert_eq!(p(s), want, "{s}");
        }
        assert_eq!(p("12/31/1999").as_deref(), Some("1999-12-31"));
        assert_eq!(p("31/12/1999").as_deref(), Some("1999-12-31"));
        assert_eq!(p("1/2/95").as_deref(), Some("1995-01-02"));
    }

    #[test]
    fn rejected() {
        for s in [
            "",
            "31/31/2020",
            "2020-02-30",
            "2020",
            "13",
            "soon",
            "3/5",
            "1/2/3/4",
            "99/99/99",
            "2020-03-05x",
        ] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    #[test]
    fn iso_day_writes_what_chrono_writes() {
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while d.year() < 10_000 {
            assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
            d += Duration::days(97);
        }
        for (y, m, day) in [
            (0, 1, 1),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-1, 5, 6),
            (2020, 2, 29),
        ] {
            let d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn day_first_columns() {
        assert_eq!(
            parse_date("05/03/2020", DayOrder::DayFirst).map(|d| d.to_string()),
            Some("2020-03-05".into())
        );
        let col = ["05/03/2020", "25/12/2019", ""];
        assert_eq!(detect_day_order(col.into_iter()), DayOrder::DayFirst);
        let col = ["05/03/2020", "12/25/2019"];
        assert_eq!(detect_day_order(col.into_iter()), DayOrder::MonthFirst);
        let col = ["2020-03-05", "2020-12-25"];
        assert_eq!(detect_day_order(col.into_iter()), DayOrder::MonthFirst);
    }
}
