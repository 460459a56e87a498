//! Reusable pieces of the user interface: form rows, the step list, the navigation bar.

pub mod form;
pub mod nav;
pub mod step_list;

pub use form::Form;
