//! The draft library as the start screen and `beian list` see it: its index, kept current
//! by file size and time and written under a lock (`index`), and the edit locks that tell
//! desks sharing a folder who has a draft open (`locks`).

pub mod index;
pub mod locks;
