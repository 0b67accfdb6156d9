//! Stage timings for people tuning glossgen: set `GLOSSGEN_TIMINGS=1` and every build and rebuild prints how
//! long each stage took to standard error.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("GLOSSGEN_TIMINGS").is_some_and(|v| v != "0"))
}

/// Measures consecutive stages of one job.
pub struct Timer {
    job: &'static str,
    last: Instant,
}

impl Timer {
    /// Starts timing `job`.
    pub fn start(job: &'static str) -> Self {
        Timer { job, last: Instant::now() }
    }

    /// Reports the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if enabled() {
            let now = Instant::now();
            let ms = (now - self.last).as_secs_f64() * 1000.0;
            match resident_mb() {
                Some(mb) => eprintln!("[timings] {}: {stage} {ms:.1} ms (resident {mb} MB)", self.job),
                None => eprintln!("[timings] {}: {stage} {ms:.1} ms", self.job),
            }
            self.last = now;
        }
    }
}

/// The process's resident memory in MB where the system reports it (Linux), since memory is the other half of
/// a stage's cost: pages touched for the first time are paid for in system time.
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
