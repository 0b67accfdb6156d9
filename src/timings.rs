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
            eprintln!("[timings] {}: {stage} {:.1} ms", self.job, (now - self.last).as_secs_f64() * 1000.0);
            self.last = now;
        }
    }
}
