//! Hostile files for the tests of [`crate::limits`] and its readers, made in memory in
//! milliseconds: zips whose members inflate to hundreds of megabytes (and may declare a
//! small size), and a measure of the heap one thread uses while reading them.
//!
//! The deflate stream is written by hand (one fixed-Huffman block of back-references),
//! because compressing hundreds of megabytes with a debug build of a real compressor
//! would take longer than the test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// A bit writer for deflate: fields LSB-first, Huffman codes MSB-first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn code(&mut self, code: u32, bits: u32) {
        let reversed = code.reverse_bits() >> (32 - bits);
        self.put(reversed, bits);
    }

    fn literal(&mut self, byte: u8) {
        let v = u32::from(byte);
        if v < 144 {
            self.code(0x30 + v, 8);
        } else {
            self.code(0x190 + v - 144, 9);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A raw deflate stream that inflates to `pattern` repeated up to `size` bytes.
/// `pattern` must be shorter than 32 KiB (the longest distance deflate can copy from).
pub fn deflate_repeat(pattern: &[u8], size: usize) -> Vec<u8> {
    assert!(!pattern.is_empty() && pattern.len() <= 32_768);
    let mut bits = Bits::default();
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    let mut produced = 0;
    for &b in pattern.iter().take(size) {
        bits.literal(b);
        produced += 1;
    }
    // The distance code and extra bits for copying from `pattern.len()` back.
    let distance = pattern.len() as u32;
    let (code, extra_bits, base) = (0u32..30)
        .map(|c| {
            let extra = if c < 4 { 0 } else { (c - 2) / 2 };
            let base = if c < 4 {
                c + 1
            } else {
                1 + ((2 + (c & 1)) << extra)
            };
            (c, extra, base)
        })
        .rfind(|&(_, _, base)| base <= distance)
        .unwrap();
    while size - produced >= 258 {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(code, 5);
        bits.put(distance - base, extra_bits);
        produced += 258;
    }
    while produced < size {
        bits.literal(pattern[produced % pattern.len()]);
        produced += 1;
    }
    bits.code(0, 7); // end of block
    bits.finish()
}

/// CRC-32 as zip wants it, bit by bit (the members here are small when it matters).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One member of a hand-made zip.
pub struct Member {
    pub name: String,
    /// Stored as is (method 0) or, with `deflated`, a raw deflate stream (method 8).
    pub data: Vec<u8>,
    pub deflated: bool,
    /// The uncompressed size written in the headers: a bomb may lie.
    pub declared: u32,
    pub crc: u32,
}

impl Member {
    /// A member stored uncompressed, honest about its size.
    pub fn stored(name: &str, data: Vec<u8>) -> Self {
        Member {
            name: name.to_owned(),
            declared: data.len() as u32,
            crc: crc32(&data),
            data,
            deflated: false,
        }
    }

    /// A member that inflates to `pattern` repeated to `size` bytes, declaring `declared`.
    pub fn bomb(name: &str, pattern: &[u8], size: usize, declared: u32) -> Self {
        Member {
            name: name.to_owned(),
            data: deflate_repeat(pattern, size),
            deflated: true,
            declared,
            crc: 0,
        }
    }
}

/// A zip archive of `members`, with local headers, a central directory and its end record.
pub fn zip(members: &[Member]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for m in members {
        let offset = out.len() as u32;
        let method = if m.deflated { 8 } else { 0 };
        let header = |v: &mut Vec<u8>| {
            u16le(v, 20); // version needed
            u16le(v, 0); // flags
            u16le(v, method);
            u16le(v, 0); // time
            u16le(v, 0x21); // date
            u32le(v, m.crc);
            u32le(v, m.data.len() as u32);
            u32le(v, m.declared);
            u16le(v, m.name.len() as u16);
            u16le(v, 0); // extra field
        };
        u32le(&mut out, 0x0403_4b50);
        header(&mut out);
        out.extend_from_slice(m.name.as_bytes());
        out.extend_from_slice(&m.data);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // version made by
        header(&mut central);
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(m.name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, members.len() as u16);
    u16le(&mut out, members.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, start);
    u16le(&mut out, 0);
    out
}

thread_local! {
    static CURRENT: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting what each thread holds, so that a test can measure
/// the heap its own call needs while other tests run on other threads.
struct Counting;

// SAFETY: every call is passed to the system allocator unchanged; the counting only
// touches thread-local cells without a destructor.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn count(delta: isize) {
    let _ = CURRENT.try_with(|c| {
        let now = c.get() + delta;
        c.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the most heap (in bytes) this thread held
/// during it beyond what it held before.
pub fn heap_peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, (peak - before).max(0) as usize)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_hand_made_zip_reads_back() {
        let text = b"<w:p>hello</w:p>".repeat(100);
        let bytes = zip(&[
            Member::stored("a.txt", b"stored".to_vec()),
            Member {
                crc: crc32(&text),
                ..Member::bomb("b.xml", b"<w:p>hello</w:p>", text.len(), text.len() as u32)
            },
        ]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        archive
            .by_name("b.xml")
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let mut out = String::new();
        archive
            .by_name("a.txt")
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "stored");
    }

    #[test]
    fn heap_peak_sees_a_big_allocation() {
        let (_, peak) = heap_peak(|| vec![1u8; 10_000_000].len());
        assert!((10_000_000..11_000_000).contains(&peak), "{peak}");
    }
}
