//! Logs: human-readable by default, JSON for log collectors. `RUST_LOG` overrides the
//! default level (info for our crates, warn for the rest).

use std::io::IsTerminal;

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(
            "warn,consult_bot=info,consult_handlers=info,consult_domain=info,consult_web=info",
        )
    });
    let registry = tracing_subscriber::registry().with(filter);
    // A second init (tests running several bots in one process) is harmless.
    let _ = match format {
        // Colours only on a terminal: journald and log files get plain text.
        LogFormat::Human => registry
            .with(
                fmt::layer()
                    .with_ansi(std::io::stderr().is_terminal())
                    .with_writer(std::io::stderr),
            )
            .try_init(),
        LogFormat::Json => registry
            .with(fmt::layer().json().with_writer(std::io::stderr))
            .try_init(),
    };
}
