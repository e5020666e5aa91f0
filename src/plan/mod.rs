//! The campaign plan: goals with live progress (committee coverage, assessments, the card
//! thresholds) for the unit and per department and shift; milestones on a timeline; the escalation
//! ladder of collective actions, each a structure test with participation per worker that feeds
//! assessment suggestions; tasks; and the data of Today, the dashboard and the progress report.
//!
//! - [`thresholds`]: the arithmetic (whole workers, rounded up);
//! - [`goals`]: settings and goals; [`milestones`], [`ladder`], [`tasks`]: what organizers plan;
//! - [`changes`]: what changed in a period; [`series`]: the weekly chart;
//! - [`dashboard`]: Today, the dashboard, the plan overview;
//! - [`report`]: the progress report's numbers and CSV, [`report_pdf`] its PDF;
//! - [`model`]: the types that cross to the UI.
//!
//! Nothing is cached: every figure is computed from the vault when asked, so it is never stale.
//! The unit is today's list: active workers, supervisors left out (left and excluded workers are
//! not counted).

pub mod changes;
pub mod dashboard;
pub mod goals;
pub mod ladder;
pub mod milestones;
pub mod model;
pub mod report;
pub mod report_pdf;
pub mod series;
mod snapshot;
pub mod tasks;
pub mod thresholds;

pub use model::*;
pub use snapshot::{day_end_instant, day_start_instant};
