//! Seal and open a 10 MB package (a 10,000-graduate college's store is 5–10 MB) seven times
//! each and print the medians: each side must add at most 0.2 s to an export or an import.
//!
//! `CARGO_BUILD_JOBS=1 cargo bench -p xianjie-seal`

use std::time::{Duration, Instant};

use rand_core::RngCore;
use xianjie_seal::{inspect, open, seal, CollegeKey, SchoolKey};

const SIZE: usize = 10 * 1024 * 1024;
const RUNS: usize = 7;
const BUDGET: Duration = Duration::from_millis(200);

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut payload = vec![0u8; SIZE];
    rand_core::OsRng.fill_bytes(&mut payload);
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();

    let mut sealing = Vec::new();
    let mut sealed = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        sealed = seal(&payload, &school.recipient(), &college)?;
        sealing.push(start.elapsed());
    }
    let mut inspecting = Vec::new();
    let mut opening = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        inspect(&sealed)?;
        inspecting.push(start.elapsed());
        let start = Instant::now();
        let opened = open(&sealed, &school)?;
        opening.push(start.elapsed());
        if opened.payload != payload {
            return Err("opened payload differs".into());
        }
    }
    let (s, i, o) = (median(sealing), median(inspecting), median(opening));
    println!(
        "seal: {} MiB payload, {} runs each; envelope {} bytes (+{} bytes)",
        SIZE / (1024 * 1024),
        RUNS,
        sealed.len(),
        sealed.len() - SIZE
    );
    println!("  encrypt+sign   (seal)    median {}", ms(s));
    println!("  verify only    (inspect) median {}", ms(i));
    println!("  verify+decrypt (open)    median {}", ms(o));
    for (what, d) in [("seal", s), ("open", o)] {
        if d > BUDGET {
            println!("  OVER BUDGET: {what} {} > {}", ms(d), ms(BUDGET));
        }
    }
    Ok(())
}
