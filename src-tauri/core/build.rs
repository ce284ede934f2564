// The SQLite migrations are embedded by refinery's macro; rebuild when one
// is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations/sqlite");
}
