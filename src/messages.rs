//! Messages for the console that more than one command prints (`build` and `serve` both tell about outdated
//! translations), so `serve` does not reach into the command layer for them.

/// Tells about outdated translations: one line, or the whole list when `verbose`.
pub fn report_outdated(outdated: &[String], verbose: bool) {
    if outdated.is_empty() {
        return;
    }
    let n = outdated.len();
    let s = if n == 1 { " is" } else { "s are" };
    if verbose {
        eprintln!("warning: {n} translation{s} outdated:");
        for line in outdated {
            eprintln!("  {line}");
        }
    } else {
        eprintln!("warning: {n} translation{s} outdated (list them with --verbose or `glossgen translations`)");
    }
}
