//! The generated field table: lookup by name and the date conditions an emulator evaluates.

use chrono::NaiveDate;
use happyfox_query::{DateComparison, DateMoment, Field, SystemField, ValueKind};

#[test]
fn lookup_ignores_case() {
    for field in SystemField::ALL {
        assert_eq!(
            SystemField::from_name(&field.wire_name().to_uppercase()),
            Some(field)
        );
        assert_eq!(Field::from_name(field.wire_name()), Field::System(field));
    }
    assert_eq!(
        Field::from_name("Team Name"),
        Field::Custom("Team Name".into())
    );
}

#[test]
fn exactly_the_date_fields_have_a_condition() {
    for field in SystemField::ALL {
        assert_eq!(
            field.date_condition().is_some(),
            field.kind() == ValueKind::Date,
            "{field:?}"
        );
    }
    let condition = SystemField::LastStaffRepliedOnOrBefore
        .date_condition()
        .expect("a date field");
    assert_eq!(condition.moment, DateMoment::LastStaffReplied);
    assert_eq!(condition.comparison, DateComparison::OnOrBefore);
}

#[test]
fn comparisons_hold_on_calendar_days() {
    let day = |d| NaiveDate::from_ymd_opt(2019, 1, d).expect("a day");
    let holds =
        |comparison: DateComparison| [24, 25, 26].map(|d| comparison.holds(day(d), day(25)));
    assert_eq!(holds(DateComparison::On), [false, true, false]);
    assert_eq!(holds(DateComparison::OnOrBefore), [true, true, false]);
    assert_eq!(holds(DateComparison::OnOrAfter), [false, true, true]);
    assert_eq!(holds(DateComparison::Before), [true, false, false]);
    assert_eq!(holds(DateComparison::After), [false, false, true]);
}
