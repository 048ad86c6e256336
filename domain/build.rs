// The locale files are embedded (i18n.rs); rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=../locales");
}
