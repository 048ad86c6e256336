// The locale files are embedded (i18n.rs) and checked by fl!() (cards.rs), and so are
// the migrations (db.rs, through sqlx::migrate!, which cannot tell cargo itself):
// rebuild when either changes.
fn main() {
    println!("cargo:rerun-if-changed=../locales");
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=i18n.toml");
}
