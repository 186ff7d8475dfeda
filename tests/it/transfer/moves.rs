//! W3: every move from every state, legal and illegal.

use super::*;

/// The setups: a transfer brought into each state (member's request into a branch, or into a
/// committee for allocation), started on `start`.
fn setup(which: &str, start: NaiveDate) -> Transfer {
    let s = settings();
    let committee = which == "awaiting";
    let mut t = Transfer::plan(draft(1, Initiator::Member, Reason::R2, committee));
    if which == "planned" {
        return t;
    }
    t.apply(ev(start, EventKind::Start), &s).unwrap();
    match which {
        "pending0" => {}
        "pending1" => {
            t.apply(ev(start, approve(NodeKind::OutgoingBranch)), &s)
                .unwrap();
        }
        "accepted" => {
            for n in &t.nodes().to_vec()[..3] {
                t.apply(ev(start, approve(*n)), &s).unwrap();
            }
        }
        "awaiting" => {
            for n in t.nodes().to_vec() {
                t.apply(ev(start, approve(n)), &s).unwrap();
            }
        }
        "done" => {
            t.apply(ev(start, EventKind::Done), &s).unwrap();
        }
        "revoked" => {
            t.apply(ev(start, EventKind::Revoke), &s).unwrap();
        }
        "returned" => {
            t.apply(
                ev(
                    start,
                    EventKind::Return {
                        reason: "信息有误".into(),
                    },
                ),
                &s,
            )
            .unwrap();
        }
        "terminated" => {
            let on = deadline::node_deadline(start, &s).terminate_on.unwrap();
            t.apply(Event::system(on, EventKind::AutoTerminate), &s)
                .unwrap();
        }
        other => panic!("unknown setup {other}"),
    }
    t
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Ok(State),
    Refused,
    Invalid,
}

fn current_or(t: &Transfer, fallback: NodeKind) -> NodeKind {
    t.pending_node(&t.status()).unwrap_or(fallback)
}

#[test]
fn every_move_from_every_state() {
    use Want::*;
    let s = settings();
    // Started 06-01: auto-pass legal from 06-16, never auto-termination (it passes first).
    // Started 09-25: auto-termination legal from 10-06.
    let june = d(6, 1);
    let sept = d(9, 25);
    type Mk = fn(&Transfer, NaiveDate) -> Event;
    let moves: Vec<(&str, Mk)> = vec![
        ("start", |_, on| ev(on, EventKind::Start)),
        ("approve current", |t, on| {
            ev(on, approve(current_or(t, NodeKind::OutgoingBranch)))
        }),
        ("approve wrong node", |_, on| {
            ev(on, approve(NodeKind::Province))
        }),
        ("auto-pass early", |t, on| {
            Event::system(
                on,
                EventKind::AutoPass {
                    node: current_or(t, NodeKind::OutgoingBranch),
                },
            )
        }),
        ("auto-pass on time", |t, on| {
            let on = on + chrono::Days::new(15);
            Event::system(
                on,
                EventKind::AutoPass {
                    node: current_or(t, NodeKind::OutgoingBranch),
                },
            )
        }),
        ("allocate", |_, on| {
            ev(
                on,
                EventKind::Allocate {
                    branch: "某公司团委第一团支部".into(),
                },
            )
        }),
        ("allocate empty", |_, on| {
            ev(on, EventKind::Allocate { branch: " ".into() })
        }),
        ("revoke", |_, on| ev(on, EventKind::Revoke)),
        ("return", |_, on| {
            ev(
                on,
                EventKind::Return {
                    reason: "转入组织选择错误".into(),
                },
            )
        }),
        ("return without reason", |_, on| {
            ev(on, EventKind::Return { reason: "".into() })
        }),
        ("auto-terminate early", |_, on| {
            Event::system(on, EventKind::AutoTerminate)
        }),
        ("auto-terminate on time", |_, on| {
            Event::system(on + chrono::Days::new(11), EventKind::AutoTerminate)
        }),
        ("done", |_, on| ev(on, EventKind::Done)),
    ];
    // Expected outcome per (setup, move), in the order of `moves`.
    let table: Vec<(&str, NaiveDate, [Want; 13])> = vec![
        (
            "planned",
            june,
            [
                Ok(State::Pending),
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Ok(State::Revoked),
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
            ],
        ),
        (
            "pending0",
            june,
            [
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                Ok(State::Revoked),
                Ok(State::Returned),
                Invalid,
                Refused,
                Refused,
                Ok(State::Done),
            ],
        ),
        (
            "pending0",
            sept,
            [
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Ok(State::Revoked),
                Ok(State::Returned),
                Invalid,
                Refused,
                Ok(State::AutoTerminated),
                Ok(State::Done),
            ],
        ),
        (
            "pending1",
            june,
            [
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                // W5: in the application period the initiator may revoke at will.
                Ok(State::Revoked),
                Ok(State::Returned),
                Invalid,
                Refused,
                Refused,
                Ok(State::Done),
            ],
        ),
        // Outside the application period, one approval ends the right to revoke (W3).
        (
            "pending1",
            sept,
            [
                Refused,
                Ok(State::Pending),
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Ok(State::Returned),
                Invalid,
                Refused,
                Ok(State::AutoTerminated),
                Ok(State::Done),
            ],
        ),
        // The incoming side accepted: never revocable, even in the application period.
        (
            "accepted",
            june,
            [
                Refused,
                Ok(State::Done),
                Refused,
                Refused,
                Ok(State::Done),
                Refused,
                Refused,
                Refused,
                Ok(State::Returned),
                Invalid,
                Refused,
                Refused,
                Ok(State::Done),
            ],
        ),
        (
            "awaiting",
            june,
            [
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Ok(State::Done),
                Invalid,
                Refused,
                Refused,
                Refused,
                Refused,
                Refused,
                Ok(State::Done),
            ],
        ),
        ("done", june, [Refused; 13]),
        ("revoked", june, [Refused; 13]),
        ("returned", june, [Refused; 13]),
        ("terminated", sept, [Refused; 13]),
    ];
    for (which, start, wants) in table {
        for ((name, mk), want) in moves.iter().zip(wants) {
            let mut t = setup(which, start);
            let before = t.clone();
            let last = t.events().last().map_or(start, |e| e.on);
            let r = t.apply(mk(&t, last), &s);
            match (want, r) {
                (Ok(state), Result::Ok(st)) => {
                    assert_eq!(st.state, state, "{which} + {name}");
                    assert_eq!(t.state(), state, "{which} + {name}");
                }
                (Refused, Err(e)) => {
                    assert_eq!(
                        e.code,
                        ErrorCode::Refused,
                        "{which} + {name}: {}",
                        e.message
                    );
                    assert!(e.message.contains('（'), "cites a rule: {}", e.message);
                    assert_eq!(t, before, "{which} + {name} left a trace");
                }
                (Invalid, Err(e)) => {
                    assert_eq!(
                        e.code,
                        ErrorCode::InvalidInput,
                        "{which} + {name}: {}",
                        e.message
                    );
                    assert_eq!(t, before);
                }
                (w, r) => panic!("{which} + {name}: wanted {w:?}, got {r:?}"),
            }
        }
    }
}
