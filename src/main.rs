//! The `beian` program: the window, or a subcommand (see `beian --help`).

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = beian::cli::Cli::parse();
    match &cli.command {
        Some(command) => beian::cli::run(&cli, command),
        None => match beian::desktop::run(cli.data_dir(), cli.lang, cli.camera_file.clone()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("beian: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}
