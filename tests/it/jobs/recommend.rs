//! Moved from the desktop app's former `api::recommend` (now `service::recommend`): the page's job run
//! on a temp store, no window.

use xianjie::destination::DestinationKind;
use xianjie::service::recommend::*;
use xianjie::ErrorCode;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

pub(crate) fn sample() -> FactsInput {
    FactsInput {
        on: "2026-06-15".into(),
        id_number: None,
        birth_date: Some("2004-03-01".into()),
        joined: Some("2019-05".into()),
        politics: "league".into(),
        league_post: false,
        school: "university".into(),
        marking: None,
        identity_verified: true,
        active_transfer: false,
        status: "graduating".into(),
        destination: DestinationInput {
            kind: "employed".into(),
            employer_has_org: true,
            labor_dispatch: false,
            system: None,
            province: Some("湖北".into()),
            central_unit_in_beijing: false,
            retain_in_school: false,
            note: None,
            chosen_reason: None,
            unit_name: None,
            address: None,
            target_org: None,
            study_level: None,
            city: None,
        },
    }
}

#[test]
fn form_becomes_facts() {
    let f = facts(&sample(), today()).unwrap();
    assert_eq!(f.destination.kind, DestinationKind::Employed);
    assert_eq!(f.destination.province.as_deref(), Some("湖北"));
    assert_eq!(f.joined, xianjie::date::YearMonth::new(2019, 5));
    assert!(f.destination.details.is_none());
}

#[test]
fn id_number_gives_the_birth_date() {
    let mut input = sample();
    let first17 = "42050220040301123";
    let id = format!(
        "{first17}{}",
        xianjie::id_number::check_char(first17.as_bytes())
    );
    input.id_number = Some(id);
    input.birth_date = None;
    let f = facts(&input, today()).unwrap();
    assert_eq!(f.birth_date.to_string(), "2004-03-01");
}

#[test]
fn bad_fields_are_named_in_chinese() {
    let mut input = sample();
    input.destination.kind = "moon".into();
    let e = recommend(&input, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(
        e.message.starts_with("毕业去向：“moon”无效"),
        "{}",
        e.message
    );

    let mut input = sample();
    input.birth_date = None;
    assert!(recommend(&input, today())
        .unwrap_err()
        .message
        .contains("出生日期"));

    let mut input = sample();
    input.destination.system = Some("nope".into());
    let m = recommend(&input, today()).unwrap_err().message;
    assert!(m.starts_with("系统团委："), "{m}");

    let mut input = sample();
    input.on = "2026/06/15".into();
    assert!(recommend(&input, today())
        .unwrap_err()
        .message
        .starts_with("查询日期"));
}

#[test]
fn recommend_answers_valid_facts() {
    let view = recommend(&sample(), today()).unwrap();
    // Every rule the engine cites is resolved to its policy text.
    assert!(view.rules.iter().all(|r| !r.source.is_empty()));
}

#[test]
fn options_cover_every_destination_kind() {
    let o = form_options();
    assert_eq!(o.destination_kind.len(), DestinationKind::ALL.len());
    assert!(o.politics.iter().all(|c| c.code != "masses"));
    assert_eq!(o.reason[0].code, "R1");
}
