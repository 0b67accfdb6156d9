//! ISO 8601 week tags (`2026-W17`), validated against the real calendar.
//!
//! Entries are tagged with the week they were written or last reviewed in. A tag is only accepted if that
//! week exists: 2026 has 53 ISO weeks, 2027 has 52, so `2026-W53` is valid and `2027-W53` is not.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A week of the ISO 8601 week-numbering year, known to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

/// Why a week tag was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeekError {
    /// Not of the form `YYYY-Www`.
    #[error("`{0}` is not an ISO week tag")]
    Malformed(String),
    /// Well formed, but the year has no such week.
    #[error("{year} has {weeks} ISO weeks, so week {week} does not exist")]
    NoSuchWeek {
        /// The year of the tag.
        year: i32,
        /// The week number asked for.
        week: u8,
        /// How many weeks that year has.
        weeks: u8,
    },
}

impl IsoWeek {
    /// A week from its parts, if the year has it.
    pub fn new(year: i32, week: u8) -> Result<Self, WeekError> {
        let weeks = weeks_in_year(year);
        if week == 0 || week > weeks {
            return Err(WeekError::NoSuchWeek { year, week, weeks });
        }
        Ok(IsoWeek { year, week })
    }

    /// The ISO week-numbering year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The week number, 1 to 53.
    pub fn week(self) -> u8 {
        self.week
    }

    /// The ISO week that contains `date`; used to stamp new entries with the current week.
    pub fn containing(date: time::Date) -> Self {
        let (year, week, _) = date.to_iso_week_date();
        IsoWeek { year, week }
    }

    /// The Monday that starts the week, for feeds and sitemaps that want a date.
    pub fn monday(self) -> time::Date {
        time::Date::from_iso_week_date(self.year, self.week, time::Weekday::Monday).unwrap_or(time::Date::MIN)
    }
}

/// How many ISO weeks `year` has (52 or 53).
pub fn weeks_in_year(year: i32) -> u8 {
    if (-9999..=9999).contains(&year) { time::util::weeks_in_year(year) } else { 52 }
}

impl FromStr for IsoWeek {
    type Err = WeekError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || WeekError::Malformed(s.to_string());
        let (year, week) = s.split_once("-W").ok_or_else(malformed)?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || week.len() != 2 || !all_digits(year) || !all_digits(week) {
            return Err(malformed());
        }
        let year: i32 = year.parse().map_err(|_| malformed())?;
        let week: u8 = week.parse().map_err(|_| malformed())?;
        IsoWeek::new(year, week)
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl Serialize for IsoWeek {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_weeks() {
        assert_eq!("2026-W17".parse::<IsoWeek>().unwrap().week(), 17);
        assert_eq!("2026-W53".parse::<IsoWeek>().unwrap().year(), 2026);
        assert_eq!("2026-W01".parse::<IsoWeek>().unwrap().to_string(), "2026-W01");
    }

    #[test]
    fn refuses_weeks_the_year_does_not_have() {
        assert_eq!("2027-W53".parse::<IsoWeek>(), Err(WeekError::NoSuchWeek { year: 2027, week: 53, weeks: 52 }));
        assert!(matches!("2026-W00".parse::<IsoWeek>(), Err(WeekError::NoSuchWeek { .. })));
        assert!(matches!("2025-W53".parse::<IsoWeek>(), Err(WeekError::NoSuchWeek { .. })));
    }

    #[test]
    fn refuses_malformed_tags() {
        for bad in ["2026-W1", "2026W17", "26-W17", "2026-w17", "2026-W170", "", "2026-W+1", "２０２６-W17"] {
            assert!(matches!(bad.parse::<IsoWeek>(), Err(WeekError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn knows_long_and_short_years() {
        assert_eq!(weeks_in_year(2026), 53);
        assert_eq!(weeks_in_year(2025), 52);
        assert_eq!(weeks_in_year(2027), 52);
        assert_eq!(weeks_in_year(2020), 53);
    }

    #[test]
    fn monday_starts_the_week() {
        let w: IsoWeek = "2026-W17".parse().unwrap();
        assert_eq!(w.monday(), time::Date::from_calendar_date(2026, time::Month::April, 20).unwrap());
    }
}
