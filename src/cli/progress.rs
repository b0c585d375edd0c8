//! The progress bar: on stderr, and only when stderr is a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use xxgk::Record;
use xxgk::batch::Observer;

/// While the inputs are still being walked there is no total, hence no ETA.
const LISTING: &str = "{spinner} {pos} files done, {len} found so far  {per_sec}  {msg}";
const LISTED: &str = "{spinner} {pos}/{len} files  {per_sec}  ETA {eta}  {msg}";

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).expect("the template is valid")
}

pub struct Progress {
    bar: Option<ProgressBar>,
    failed: u64,
}

impl Progress {
    pub fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(style(LISTING));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, failed: 0 }
    }

    /// Clears the bar before the summary.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn found(&mut self, n: u64, complete: bool) {
        if let Some(bar) = &self.bar {
            bar.set_length(n);
            if complete {
                bar.set_style(style(LISTED));
            }
        }
    }

    fn done(&mut self, rec: Option<&Record>) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if rec.is_some_and(|r| r.error.is_some()) {
                self.failed += 1;
                bar.set_message(format!("{} failed", self.failed));
            }
        }
    }

    fn warn(&mut self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("xxgk: {message}")),
            None => eprintln!("xxgk: {message}"),
        }
    }
}
