//! The command line as clap reads it: subcommands, flags and the help
//! that teaches the language.

use clap::{Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Back-of-the-envelope calculator for system-design estimates";

const EXAMPLES: &str = "\
Examples:
  bote eval '100M / month -> /s'            # 100 million a month, per second
  bote eval '4000/s * 500 bytes -> MB/s'    # read bandwidth
  bote eval '1 Gbit/s * 50 ms -> MB'        # bandwidth-delay product
  bote eval --let dau=500M 'dau * 5 / day'  # name a quantity first
  bote list                                 # the built-in presets
  bote run twitter-timeline                 # a preset's estimate, as tables
  bote run url-shortener --set read_ratio=1000 --format markdown
  bote new my-estimate                      # a starter file to edit, then bote run it
  bote eval '100M to 300M * 2 KB -> TB'     # a range: median and 90% range
  bote run url-shortener --why read_qps     # what drives its spread";

#[derive(Parser, Debug)]
#[command(name = "bote", version, about = ABOUT, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
    /// When to colour output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// When to page a report through less (or $BOTE_PAGER, $PAGER): auto (on a
    /// terminal, when it is taller than the screen), always, never.
    #[arg(long, global = true, value_enum, default_value_t = Paging::Auto)]
    pub(super) paging: Paging,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Paging {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

// Each subcommand's arguments are built only when it runs (clap's `defer`):
// building every one on every run was a third of `bote eval`'s start-up.
#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub(super) enum Command {
    /// Evaluate expressions with units and print the results.
    #[command(after_long_help = EVAL_HELP)]
    Eval(EvalArgs),
    /// Run an estimate (a preset or a YAML file) and print its report.
    #[command(after_long_help = RUN_HELP)]
    Run(RunArgs),
    /// Check that estimates reproduce their published figures; exits 1 if any do not.
    Check {
        /// Presets or files; with none, every preset.
        #[arg(value_name = "PRESET|FILE", value_parser = Target, hide_possible_values = true)]
        targets: Vec<String>,
        #[command(flatten)]
        sampling: SamplingArgs,
        #[command(flatten)]
        sheets: SheetArgs,
        /// Fit the output to this many columns [default: $COLUMNS, or on a
        /// terminal its width; piped without $COLUMNS, no limit].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
        width: Option<u16>,
    },
    /// Compare two estimates (files or presets, each with its own --set):
    /// what moved, biggest change first.
    #[command(after_long_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// List the built-in presets.
    List,
    /// List the reference numbers an estimate can use as `ref.NAME`, each
    /// with its source and date.
    Refs {
        /// Only entries whose name or description contains this.
        filter: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SheetFormat::Text)]
        format: SheetFormat,
        /// Fit the output to this many columns [default: $COLUMNS, or on a
        /// terminal its width; piped without $COLUMNS, no limit].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
        width: Option<u16>,
    },
    /// List the built-in price sheet an estimate can use as `price.NAME`.
    Prices {
        /// Only entries whose name or description contains this.
        filter: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SheetFormat::Text)]
        format: SheetFormat,
        /// Fit the output to this many columns [default: $COLUMNS, or on a
        /// terminal its width; piped without $COLUMNS, no limit].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
        width: Option<u16>,
    },
    /// Print a preset's YAML, to copy into a file of your own and edit.
    Show {
        #[arg(value_name = "PRESET", value_parser = Target)]
        preset: String,
    },
    /// Write a commented starter estimate file (or a copy of a preset) to edit.
    #[command(after_long_help = NEW_HELP)]
    New {
        /// The file to write; `.yaml` is added when it has no extension.
        #[arg(value_name = "FILE")]
        name: String,
        /// Start from this preset instead of the starter.
        #[arg(long, value_name = "PRESET", value_parser = Target)]
        from: Option<String>,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Fill in the results of a Markdown note's ```bote and ```yaml bote blocks.
    #[command(after_long_help = NOTES_HELP)]
    Notes(NotesArgs),
    /// Practise: work out an estimate's figures before they are shown, or
    /// drill the conversions interviews lean on; each answer graded.
    #[command(after_long_help = PRACTICE_HELP)]
    Practice(PracticeArgs),
    /// Print the JSON Schema of estimate files, for editor completion and hover.
    Schema,
    /// Print a shell completion script (subcommands, flags, formats, preset names).
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print bote's manual page (roff), for `man -l` or a man directory; with
    /// --dir, write it and a page per subcommand (bote-run.1, ...) there.
    #[command(after_long_help = MAN_HELP)]
    Man {
        /// Write bote.1 and every bote-COMMAND.1 into this folder (made if
        /// missing) instead of printing bote.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

const NOTES_HELP: &str = "\
A note holds two kinds of block. Lines of bote eval, whose definitions carry
down the note:

  ```bote
  dau = 500M users
  dau * 5 / day
  ```

and a whole estimate file (```yaml bote summary for its summary alone):

  ```yaml bote
  title: Chat
  ...
  ```

After each, bote writes the results between two HTML comments that a rendered
note does not show, and rewrites only those. Run it again and nothing changes.

Examples:
  bote notes prep.md              # fill in, or bring up to date
  bote notes prep.md --check      # exit 1 if any results are stale (for CI)
  bote notes prep.md --watch      # again on every save

Exit status: 0 when every block ran, 1 when one failed, a region was edited by
hand (--force replaces it) or has lost its end, a block is never closed, the note
cannot be written (read-only, hard-linked, not a file), or with --check a region
is stale; 2 on a usage error.";

const PRACTICE_HELP: &str = "\
Each question names a quantity, its note and its section. Answer in any form bote
reads: 4k/s, 40 TB, 3e12 bytes, ~30 TB, or a range, 2 to 5 TB. An answer of the
wrong kind (a rate for a size) is refused and asked again. Then bote shows the
figure, how it is reached, and how far off you were: 2.1x high, 0.32 orders.
Within 2x is good, within 10x fair, else missed (--good, --fair). `h` gives a
hint (the expression without its numbers), `s` skips, `q` quits; a score card
ends the session.

Drills (--drill) go round six kinds: a daily volume to QPS, a size times a count,
Little's law, a transfer time, nines to downtime, and a reference number.

Every answer is appended to a history (one JSON line each) in your data folder
($XDG_DATA_HOME/bote/practice.jsonl on Linux), or --history FILE; --stats shows
per kind how many you answered, your median factor off, and the trend.

Examples:
  bote practice url-shortener
  bote practice --drill --count 12
  bote practice --drill --seed 7      # the same questions again
  bote practice --stats";

#[derive(clap::Args, Debug)]
pub(super) struct PracticeArgs {
    /// A preset (see `bote list`) or an estimate file to practise.
    #[arg(value_name = "PRESET|FILE", value_parser = Target, hide_possible_values = true, conflicts_with = "drill")]
    pub(super) target: Option<String>,
    /// Generated questions on the usual conversions instead of an estimate.
    #[arg(long)]
    pub(super) drill: bool,
    /// How many questions at most [default: 6 for a drill, every figure of an estimate].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub(super) count: Option<u16>,
    /// The seed a drill's figures (and an estimate's ranges) are drawn with.
    #[arg(long, value_name = "N")]
    pub(super) seed: Option<u64>,
    /// Within this factor of the figure an answer is good.
    #[arg(long, value_name = "FACTOR", default_value_t = 2.0)]
    pub(super) good: f64,
    /// Within this factor of the figure an answer is fair.
    #[arg(long, value_name = "FACTOR", default_value_t = 10.0)]
    pub(super) fair: f64,
    /// The history file [default: bote/practice.jsonl in your data folder].
    #[arg(long, value_name = "FILE")]
    pub(super) history: Option<String>,
    /// Show, per kind of question, how you have done so far.
    #[arg(long, conflicts_with_all = ["target", "drill"])]
    pub(super) stats: bool,
    /// Fit the session's lines to this many columns [default: $COLUMNS, or
    /// on a terminal its width; piped without $COLUMNS, no limit].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
    pub(super) width: Option<u16>,
}

#[derive(clap::Args, Debug)]
pub(super) struct NotesArgs {
    /// The Markdown note to fill in.
    #[arg(value_name = "FILE.md")]
    pub(super) file: String,
    /// Write nothing; exit 1 if any block's results are stale or missing.
    #[arg(long)]
    pub(super) check: bool,
    /// Replace regions that were edited by hand. The note as it was is kept
    /// first, whole, in FILE.md~, or where an earlier run left that, in the
    /// next FILE.md.~N~ (GNU's numbered backups: none is written over), and
    /// each replaced region's lines are named on stderr; nothing is written
    /// if the backup cannot be.
    #[arg(long)]
    pub(super) force: bool,
    /// Fill the note in again on every save (Ctrl-C stops).
    #[arg(long, conflicts_with = "check")]
    pub(super) watch: bool,
}

const NEW_HELP: &str = "\
Examples:
  bote new chat-service            # writes chat-service.yaml, then: bote run chat-service.yaml
  bote new mine --from uber-dispatch

The file starts with a yaml-language-server comment naming bote.schema.json, which
bote new writes beside it when the folder has none (the same text as `bote schema`),
so editors with the YAML language server complete keys and explain them.";

const COMPLETIONS_HELP: &str = "\
Install, for example (bash needs the bash-completion package):
  mkdir -p ~/.local/share/bash-completion/completions
  bote completions bash > ~/.local/share/bash-completion/completions/bote
  mkdir -p ~/.zfunc && bote completions zsh > ~/.zfunc/_bote   # with fpath+=(~/.zfunc) before compinit
  mkdir -p ~/.config/fish/completions
  bote completions fish > ~/.config/fish/completions/bote.fish";

const MAN_HELP: &str = "\
Install beside bote, where man looks for the pages of what is on PATH (man-db
and mandoc search BIN/../share/man for each BIN folder of PATH):
  bote man --dir \"$(dirname \"$(command -v bote)\")/../share/man/man1\"
  man bote; man bote-run";

/// A preset name or a path: any text is accepted, and the preset names are
/// offered to shell completion.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target;

impl clap::builder::TypedValueParser for Target {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::estimate::presets::PRESETS
                .iter()
                .map(|(name, _)| clap::builder::PossibleValue::new(*name)),
        ))
    }
}

const RUN_HELP: &str = "\
Examples:
  bote run twitter-timeline
  bote run url-shortener --set read_ratio=1000 --explain
  bote run my-estimate.yaml --format markdown >> notes.md
  bote run stripe-payments --format json | jq '.sections[0]'
  bote run my-estimate.yaml --watch       # again on every save
  bote run url-shortener --section qps --format markdown --no-header

Exit status: 0 on success, 1 on an error in the estimate, 2 on a usage error.";

const DIFF_HELP: &str = "\
A --set after OLD and before NEW applies to OLD; after NEW, to NEW.

Examples:
  bote diff url-shortener mine.yaml
  bote diff url-shortener url-shortener --set read_ratio=1000   # a what-if
  bote diff old.yaml new.yaml --format json

Exit status: 0 whether or not they differ (with --exit-code, 1 when they do),
2 on a usage error or an estimate that does not run.";

#[derive(clap::Args, Debug)]
pub(super) struct DiffArgs {
    /// The estimates to compare: presets (see `bote list`) or files.
    #[arg(value_name = "OLD NEW", num_args = 2, required = true, value_parser = Target, hide_possible_values = true)]
    pub(super) targets: Vec<String>,
    /// Override an assumption of the estimate before it, as NAME=EXPR (repeatable).
    #[arg(long = "set", value_name = "NAME=EXPR")]
    pub(super) sets: Vec<String>,
    /// Output format (csv prints the text report).
    #[arg(long, value_enum, default_value_t = RunFormat::Table)]
    pub(super) format: RunFormat,
    /// Exit 1 when they differ, as `git diff --exit-code` does.
    #[arg(long)]
    pub(super) exit_code: bool,
    /// Fit the output to this many columns [default: $COLUMNS, or on a
    /// terminal its width; piped without $COLUMNS, no limit].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
    pub(super) width: Option<u16>,
    /// Which of `sets` apply to NEW (filled in from where each is written).
    #[arg(skip)]
    pub(super) new_sets: Vec<bool>,
    #[command(flatten)]
    pub(super) sampling: SamplingArgs,
}

#[derive(clap::Args, Debug)]
pub(super) struct RunArgs {
    /// A preset name (see `bote list`), the path of an estimate file, or `-`
    /// to read one from standard input.
    #[arg(value_name = "PRESET|FILE", value_parser = Target, hide_possible_values = true)]
    pub(super) target: String,
    /// Override an assumption for this run, as NAME=EXPR (repeatable); on
    /// top of every scenario of a file with scenarios.
    #[arg(long = "set", value_name = "NAME=EXPR")]
    pub(super) sets: Vec<String>,
    /// Of a file with `scenarios:`, print this one's ordinary report
    /// (`base` is the file's own assumptions) instead of all side by side.
    #[arg(long, value_name = "NAME")]
    pub(super) scenario: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RunFormat::Table)]
    pub(super) format: RunFormat,
    /// Show each derivation with the numbers substituted.
    #[arg(long)]
    pub(super) explain: bool,
    /// Fit tables to this many columns [default: $COLUMNS, or on a terminal
    /// its width; piped without $COLUMNS, no limit].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(crate::report::MIN_WIDTH as i64..))]
    pub(super) width: Option<u16>,
    /// Run again on every save of the file (Ctrl-C stops), clearing the
    /// screen first on a terminal; an error is printed and watching goes on.
    #[arg(long)]
    pub(super) watch: bool,
    /// Print only this section's table (or `assumptions`), to paste it alone.
    #[arg(long, value_name = "NAME")]
    pub(super) section: Option<String>,
    /// Leave out the title, description, source and calendar lines.
    #[arg(long)]
    pub(super) no_header: bool,
    /// Print the summary alone: the headline figures, verdicts, cost total
    /// and how the published figures fared.
    #[arg(long)]
    pub(super) summary: bool,
    /// Markdown: the level of the report's title (2 puts it under a note's
    /// own `#` title); its sections are one level deeper.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub(super) heading_level: u8,
    /// Show what drives the spread of an uncertain quantity: each range it
    /// depends on, by its share of the spread, and its distribution.
    #[arg(long, value_name = "NAME")]
    pub(super) why: Option<String>,
    #[command(flatten)]
    pub(super) sampling: SamplingArgs,
    #[command(flatten)]
    pub(super) sheets: SheetArgs,
}

// A user's own reference numbers and price sheet, for `run` and `check`.
// (Not a doc comment: clap would make it the about of each subcommand that
// flattens it, since those are built deferred, after their own about.)
#[derive(clap::Args, Debug, Default, Clone)]
pub(super) struct SheetArgs {
    /// A price sheet (YAML: `title`, `date`, `entries`) whose entries replace
    /// the built-in `price.NAME`s; the estimate's own `prices:` still win.
    #[arg(long, value_name = "FILE")]
    pub(super) prices: Option<String>,
    /// A file of reference numbers, in the same shape, replacing built-in
    /// `ref.NAME`s.
    #[arg(long, value_name = "FILE")]
    pub(super) references: Option<String>,
}

// How ranges are drawn, for `run`, `check` and `eval` (not a doc comment,
// as above).
#[derive(clap::Args, Debug, Default, Clone, Copy)]
pub(super) struct SamplingArgs {
    /// Draws per uncertain quantity [default: the file's `samples:`, else 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(2..=1_000_000))]
    pub(super) samples: Option<u64>,
    /// The seed ranges are drawn with [default: the file's `seed:`, else 1];
    /// the same seed gives the same output, byte for byte.
    #[arg(long, value_name = "N")]
    pub(super) seed: Option<u64>,
    /// Collapse every range to its median, for a single figure to compare
    /// with a textbook's.
    #[arg(long)]
    pub(super) point: bool,
}

impl SamplingArgs {
    /// `base` (the default, or a file's) with the command line's choices.
    pub(super) fn apply(
        self,
        base: crate::quantity::sample::Sampling,
    ) -> crate::quantity::sample::Sampling {
        crate::quantity::sample::Sampling {
            samples: self
                .samples
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(base.samples),
            seed: self.seed.unwrap_or(base.seed),
            point: self.point || base.point,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RunFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

/// The language in brief, for `bote eval --help` and `:help` at the prompt
/// (a macro, so `concat!` can join it to the rest of the help).
macro_rules! language {
    () => {
        "\
Numbers: 12  2.5  1e9  1_000_000  12,500  99.99%  20 percent  $50
Magnitudes: thousand million billion trillion, or k K M B bn T written straight
  after the digits: 100M is 100 million, 2.5B is 2.5 billion. With a space,
  `500 B` is 500 bytes; 100MB is 100 megabytes.
Units: B kB KB MB GB TB PB EB, KiB MiB GiB TiB PiB, bit kbit Mbit Gbit (Kb Mb Gb),
  bps kbps Mbps Gbps, ns us ms s min h day week month year, m km, $ USD.
Operators: + - * / ^ (or **), `per`, and `of` after a percentage (20% of 500 GB).
  A unit after a number binds tighter than /, so `50000 / 4 s` is 12,500 /s, and
  a compound unit is one unit: `6 GB / 2 GB/s` is 3 s. `2^30 bytes` is 1 GiB.
Conversion: EXPR -> UNIT (or `to`, `in`), the unit in symbols or words:
  `100M / month -> /s`, `100M per month in per second`, `1 h in minutes`.
Names: `dau = 500M` defines dau for the statements after it; `;` separates
  statements on one line.
Ranges: `100 to 1000` is lognormal with 100 and 1000 its 5th and 95th
  percentiles; a bare low end takes the high end's units (`1 to 5 ms`,
  `100 to 300M`). Also normal(mean, sd), uniform(low, high) and
  pert(min, likely, max). An answer is its median and 90% range; a name used
  twice is the same draw, so `x - x` is 0. `to` before a unit converts.
Functions: ceil floor round min max abs sqrt ln log10 log2 uncounted.
  ceil(0.5 ms) rounds in the unit written (1 ms); ceil(x, 1 GB) to whole steps.
Queues (M/M/c: Poisson arrivals, exponential service, one FIFO queue):
  erlang_c(arrivals, service, servers) is the chance a request waits;
  wait(arrivals, service, servers[, 99%]) its time in queue, the mean or at a
  percentile; queue_length(...[, 99%]) the number waiting (a buffer deep
  enough 99% of the time); servers_for(arrivals, service, max_wait[, 99%])
  the fewest servers within it: `wait(100/s, 50 ms, 6, 99%) -> ms` is 204 ms.
Counts: --counts user,request (a file: `counts: [user, request]`) makes each a
  unit of its own: `2 requests/user * 10M users` is 20 million requests, and
  `4000 requests/s * 500 B -> MB/s` is an error (write `500 B/request`).
Calendar: a year is 365 days and a month is a twelfth of it unless --month/--year say otherwise."
    };
}

/// [`language!`] as a constant.
pub(super) const LANGUAGE: &str = language!();

const EVAL_HELP: &str = concat!(
    language!(),
    "

Arguments are joined with spaces into one statement, except that an argument of
the form NAME = EXPR is a statement of its own:
  bote eval 'dau = 500M' 'dau * 5 per day in per second'
With no EXPR, reads one statement per line from standard input (blank lines and
lines starting with # are skipped), printing one line for each; at a terminal it
prompts, with line editing and history (:help, Ctrl-D to leave).
--pad FILE shows a page of statements with each answer beside its line, as a
notepad does; --pad FILE --watch shows it again on every save.

Exit status: 0 on success, 1 on an error in the input, 2 on a usage error."
);

#[derive(clap::Args, Debug)]
pub(super) struct EvalArgs {
    /// The expression; several words are joined with spaces. Quote it in the shell.
    #[arg(allow_negative_numbers = true, num_args = 0.., value_name = "EXPR")]
    pub(super) expr: Vec<String>,
    /// Define a name first, as NAME=EXPR (repeatable; later ones may use earlier ones).
    #[arg(long = "let", value_name = "NAME=EXPR")]
    pub(super) lets: Vec<String>,
    /// Declare count units, comma-separated: `--counts user,request,person:people`.
    /// Each is a dimension of its own, so `4000 requests/s * 500 B -> MB/s`
    /// is an error (write `500 B/request`). Plurals follow by rule.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub(super) counts: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub(super) format: EvalFormat,
    /// Also show how the expression was read, magnitudes and units spelled out.
    #[arg(long)]
    pub(super) explain: bool,
    /// A notepad view of a page of statements (a file, or `-` for standard
    /// input): each line with its answer beside it, comments kept.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-", conflicts_with_all = ["expr", "format", "explain"])]
    pub(super) pad: Option<String>,
    /// With --pad FILE: show the page again on every save (Ctrl-C stops).
    #[arg(long, requires = "pad")]
    pub(super) watch: bool,
    /// Length of a month, e.g. '30 days' (default: a twelfth of the year).
    #[arg(long, value_name = "EXPR")]
    pub(super) month: Option<String>,
    /// Length of a year, e.g. '360 days' (default: 365 days).
    #[arg(long, value_name = "EXPR")]
    pub(super) year: Option<String>,
    #[command(flatten)]
    pub(super) sampling: SamplingArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum SheetFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum EvalFormat {
    Text,
    Json,
}
