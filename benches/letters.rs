//! Benchmark: 500 L1 letters into one PDF (one letter per page), release build, median of
//! N runs. Prints seconds and bytes per page. Also 1,000 letters (the target:
//! ≤ 2 s, ≤ 3 MB) and one 50,000-row F-table.

use chrono::NaiveDate;
use std::time::Instant;
use xianjie::date::YearMonth;
use xianjie::documents::letter::{render_letters, ArchiveDisposition, LetterData};
use xianjie::documents::tables::f6;
use xianjie::id_number::Sex;

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "小明", "晓燕", "子涵", "浩然", "雨萱", "一鸣", "思远", "欣怡",
];

fn letter(i: usize) -> LetterData {
    LetterData {
        year: 2026,
        number: format!("{:03}", i + 1),
        issuer: "共青团华东示范大学信息科学与工程学院委员会".into(),
        issuer_phone: "021-55550000".into(),
        issuer_address: "上海市普陀区示范路100号信息楼201室".into(),
        issuer_postcode: "200062".into(),
        handler: "李老师".into(),
        handler_mobile: "13800001111".into(),
        receiver: format!("共青团杭州市西湖区第{}街道学社衔接临时团支部", i % 37 + 1),
        name: format!("{}{}", SURNAMES[i % 10], GIVEN[i % 8]),
        sex: if i.is_multiple_of(2) {
            Sex::Male
        } else {
            Sex::Female
        },
        age: 22,
        ethnicity: "汉族".into(),
        id_number: "11010120040301001X".into(),
        development_no: Some(format!("3101{:08}", i)),
        reason: "毕业".into(),
        dues_paid_to: YearMonth::new(2026, 6),
        member_phone: format!("139{:08}", i),
        archive: ArchiveDisposition::WithFile,
        archive_other: None,
        issued: NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn bench_letters(n: usize, runs: usize) {
    let letters: Vec<LetterData> = (0..n).map(letter).collect();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = render_letters(&letters).unwrap_or_default();
        times.push(t.elapsed().as_secs_f64());
        size = bytes.len();
    }
    println!(
        "letters: {n} into one PDF: median {:.3} s of {runs} runs; {size} bytes ({:.0} bytes/page)",
        median(times),
        size as f64 / n as f64
    );
}

fn main() {
    // Parse the font once outside the timing, as a running app would have.
    let _ = xianjie::documents::font::parsed();
    bench_letters(500, 5);
    bench_letters(1000, 5);
    let rows: Vec<f6::F6Row> = (0..50_000)
        .map(|i| f6::F6Row {
            name: format!("{}{}", SURNAMES[i % 10], GIVEN[i % 8]),
            branch: "华东示范大学信息科学与工程学院2022级计算机1班团支部".into(),
            id_number: "11010120040301001X".into(),
            reason: "姓名/身份证号录入错误".into(),
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let bytes = f6::table(&rows, "").to_xlsx().unwrap_or_default();
        times.push(t.elapsed().as_secs_f64());
        assert!(!bytes.is_empty());
    }
    println!(
        "tables: F6 with 50,000 rows: median {:.3} s of 5 runs",
        median(times)
    );
}
