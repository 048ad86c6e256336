//! Reads QR codes back from pictures, as a resident's phone camera would: a poster's
//! code must decode to the link it promises.

/// The texts of every QR code found in a PNG picture (any colour type).
pub fn decode_png(bytes: &[u8]) -> Vec<String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG picture");
    let mut buf = vec![0; reader.output_buffer_size().expect("a picture of sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let samples = info.color_type.samples();
    let grey = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * samples;
        match samples {
            1 | 2 => buf[i],
            _ => ((u32::from(buf[i]) + u32::from(buf[i + 1]) + u32::from(buf[i + 2])) / 3) as u8,
        }
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, grey);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}
