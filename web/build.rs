// fl!() reads the locale files at compile time; rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=../locales");
    println!("cargo:rerun-if-changed=i18n.toml");
}
