//! The IPC contract through Tauri's mock runtime: arguments arrive by their names, results
//! and `{code, message}` errors come back as the window sees them.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test at once

mod common;

use common::call;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

fn window(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    common::window(dir, None)
}

fn facts() -> Value {
    json!({
        "on": "2026-06-15", "id_number": null, "birth_date": "2004-03-01", "joined": "2019-05",
        "politics": "league", "league_post": false, "school": "university", "marking": null,
        "identity_verified": true, "active_transfer": false, "status": "graduating",
        "destination": {
            "kind": "employed", "employer_has_org": true, "labor_dispatch": false, "system": null,
            "province": "湖北", "central_unit_in_beijing": false, "retain_in_school": false,
            "note": null, "chosen_reason": null, "unit_name": null, "address": null, "target_org": null
        }
    })
}

#[test]
fn first_run_then_empty_start() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path());
    let info = call(&w, "app_info", json!({})).unwrap();
    assert_eq!(info["first_run"], true);
    let after = call(&w, "start", json!({"mode": "empty"})).unwrap();
    assert_eq!(after["first_run"], false);
    assert!(call(&w, "org_tree", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn demo_start_fills_graduates_and_tree() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path());
    call(&w, "start", json!({"mode": "demo"})).unwrap();
    // The one demo: 星河大学信息工程学院, its 2026 cohort.
    let list = call(&w, "graduates", json!({ "year": 2026 })).unwrap();
    assert!(list["rows"].as_array().unwrap().len() > 250);
    assert!(list["rows"][0]["id"].is_number());
    let tree = call(&w, "org_tree", json!({})).unwrap();
    assert_eq!(tree[0]["level"], "团委");
    // A second demo into a database with data is refused with its code.
    let e = call(&w, "start", json!({"mode": "demo"})).unwrap_err();
    assert_eq!(e["code"], "conflict");
}

#[test]
fn settings_round_trip_and_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path());
    let mut s = call(&w, "settings_load", json!({})).unwrap()["settings"].clone();
    s["college"] = json!("示例大学");
    s["postcode"] = json!("430000");
    let saved = call(&w, "settings_save", json!({ "settings": s })).unwrap();
    assert_eq!(saved["settings"]["college"], "示例大学");
    assert_eq!(call(&w, "settings_load", json!({})).unwrap(), saved);

    let mut bad = saved["settings"].clone();
    bad["postcode"] = json!("12");
    let e = call(&w, "settings_save", json!({ "settings": bad })).unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert!(e["message"].as_str().unwrap().contains("邮政编码"));
}

#[test]
fn recommend_and_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path());
    let rec = call(&w, "recommend", json!({ "input": facts() })).unwrap();
    assert!(rec.get("blocked").is_some());
    let mut f = facts();
    f["destination"]["kind"] = json!("moon");
    let e = call(&w, "recommend", json!({ "input": f })).unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert!(e["message"].as_str().unwrap().contains("毕业去向"));
    let options = call(&w, "form_options", json!({})).unwrap();
    assert!(options["destination_kind"].as_array().unwrap().len() >= 9);
}

#[test]
fn only_produced_files_may_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path());
    let e = call(&w, "open_result", json!({"path": "/etc/passwd"})).unwrap_err();
    assert_eq!(e["code"], "refused");
    let e = call(&w, "reveal_result", json!({"path": "/etc"})).unwrap_err();
    assert_eq!(e["code"], "refused");
}
