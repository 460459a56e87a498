//! Text-line recognition input and output: the crop's width, the recogniser's
//! normalisation, batching by width, and greedy CTC decoding with the dictionary.

/// The recogniser's input height.
pub const REC_HEIGHT: usize = 48;
/// The widest crop; longer lines are squeezed to it.
pub const MAX_REC_WIDTH: usize = 1280;
/// Lines recognised in one run at most.
pub const MAX_BATCH: usize = 8;
/// A batch holds lines whose widths differ by at most this factor (padding is work).
pub const MAX_WIDTH_SPREAD: f32 = 1.35;

/// The recogniser's classes: index 0 is the CTC blank, then one string per class.
#[derive(Clone, Debug)]
pub struct Dictionary {
    classes: Vec<String>,
}

impl Dictionary {
    /// Reads the dictionary file: one class a line, line 0 the blank.
    pub fn parse(text: &str) -> Dictionary {
        let mut classes: Vec<String> = text.split('\n').map(str::to_owned).collect();
        // The file ends with a newline after its last class (a space).
        if classes.last().is_some_and(String::is_empty) {
            classes.pop();
        }
        Dictionary { classes }
    }

    /// How many classes, the blank included.
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    /// Whether there are no classes.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// The text of a class (empty for the blank and out-of-range indices).
    pub fn class(&self, index: usize) -> &str {
        if index == 0 {
            return "";
        }
        self.classes.get(index).map_or("", String::as_str)
    }
}

/// The crop width for a line of the given aspect (length over thickness): the height
/// times the aspect, in multiples of 8 (one output frame per 8 pixels).
pub fn crop_width(aspect: f32) -> usize {
    let w = (REC_HEIGHT as f32 * aspect).round().max(16.0) as usize;
    w.div_ceil(8).saturating_mul(8).min(MAX_REC_WIDTH)
}

/// Groups line indices (with their widths) into batches of similar width, narrowest first.
pub fn batches(widths: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|i| widths.get(*i).copied().unwrap_or(0));
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let w = widths.get(i).copied().unwrap_or(0) as f32;
        let fits = out.last().is_some_and(|batch| {
            let first = batch
                .first()
                .and_then(|j| widths.get(*j))
                .copied()
                .unwrap_or(0) as f32;
            batch.len() < MAX_BATCH && w <= first.max(1.0) * MAX_WIDTH_SPREAD
        });
        match out.last_mut() {
            Some(batch) if fits => batch.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// Writes one crop (RGB triples, `width` × [`REC_HEIGHT`]) into a batch tensor's slot
/// (three planes of `stride` × [`REC_HEIGHT`]), BGR, scaled to [-1, 1]. The rest of the
/// slot stays 0 (padding).
pub fn write_crop(slot: &mut [f32], crop: &[[f32; 3]], width: usize, stride: usize) {
    let plane = stride * REC_HEIGHT;
    for (k, channel) in [2usize, 1, 0].into_iter().enumerate() {
        let Some(dst) = slot.get_mut(k * plane..(k + 1) * plane) else {
            return;
        };
        for (row, out) in crop
            .chunks_exact(width.max(1))
            .zip(dst.chunks_exact_mut(stride))
        {
            for (px, o) in row.iter().zip(out.iter_mut()) {
                *o = px.get(channel).copied().unwrap_or(0.0) / 127.5 - 1.0;
            }
        }
    }
}

/// Greedy CTC decoding of `frames` × `classes` probabilities: the best class per frame,
/// repeats merged, blanks dropped. Returns the text and each character's probability
/// (the highest over its frames).
pub fn ctc_decode(
    probs: &[f32],
    frames: usize,
    classes: usize,
    dict: &Dictionary,
) -> (String, Vec<f32>) {
    let mut text = String::new();
    let mut confidence: Vec<f32> = Vec::new();
    let mut previous = 0usize;
    for frame in probs.chunks_exact(classes.max(1)).take(frames) {
        let (best, p) = frame
            .iter()
            .enumerate()
            .fold(
                (0usize, f32::MIN),
                |acc, (i, p)| if *p > acc.1 { (i, *p) } else { acc },
            );
        if best != 0 && best != previous {
            let s = dict.class(best);
            for _ in s.chars() {
                confidence.push(p);
            }
            text.push_str(s);
        } else if best != 0
            && best == previous
            && let Some(last) = confidence.last_mut()
        {
            *last = last.max(p);
        }
        previous = best;
    }
    (text, confidence)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn ctc_merges_repeats_and_drops_blanks() {
        let dict = Dictionary::parse("blank\na\nb\n \n");
        assert_eq!(dict.len(), 4);
        // Frames: a a blank a b b -> "aab".
        let frames = [
            [0.1, 0.8, 0.1, 0.0],
            [0.1, 0.9, 0.0, 0.0],
            [0.9, 0.1, 0.0, 0.0],
            [0.2, 0.7, 0.1, 0.0],
            [0.0, 0.1, 0.6, 0.3],
            [0.0, 0.0, 0.95, 0.05],
        ];
        let flat: Vec<f32> = frames.iter().flatten().copied().collect();
        let (text, conf) = ctc_decode(&flat, 6, 4, &dict);
        assert_eq!(text, "aab");
        assert_eq!(conf, vec![0.9, 0.7, 0.95]);
    }

    #[test]
    fn batches_keep_similar_widths_together() {
        let b = batches(&[400, 96, 100, 1280, 420, 120]);
        assert_eq!(b, vec![vec![1, 2, 5], vec![0, 4], vec![3]]);
        assert_eq!(crop_width(10.0), 480);
        assert_eq!(crop_width(100.0), MAX_REC_WIDTH);
    }
}
