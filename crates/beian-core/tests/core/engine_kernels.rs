//! The convolution paths added to the vendored inference engine (`vendor/rten`,
//! see its `PATCHES.md`) against a plain reference convolution: the vectorised
//! stride-1 depthwise convolution, and the stacked-taps GEMM with a shifted sum
//! for convolutions with few output channels. Each is checked over paddings
//! (none, even, uneven), widths that are and are not a multiple of the vector
//! width, batches and with and without bias, and the geometries next to them
//! (stride 2, dilation 2, many output channels) still go the old way and agree too.
//! Nearest-neighbour resizing, also rewritten there, is checked the same way.

use rten::BufferPool;
use rten::ops::{Padding, conv};
use rten_tensor::prelude::*;
use rten_tensor::{NdTensor, Tensor};

/// A small deterministic generator (xorshift), values in [-1, 1).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }

    fn vec(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.next()).collect()
    }
}

#[derive(Clone, Copy, Debug)]
struct Case {
    batch: usize,
    in_c: usize,
    out_c: usize,
    groups: usize,
    in_hw: [usize; 2],
    k: [usize; 2],
    pad: [usize; 4],
    stride: usize,
    dilation: usize,
    bias: bool,
}

/// The convolution by its definition, accumulated in f64.
fn reference(case: &Case, input: &[f32], kernel: &[f32], bias: Option<&[f32]>) -> Vec<f32> {
    let [h, w] = case.in_hw;
    let [kh, kw] = case.k;
    let [pt, pl, pb, pr] = case.pad;
    let (s, d) = (case.stride, case.dilation);
    let out_h = (h + pt + pb - d * (kh - 1) - 1) / s + 1;
    let out_w = (w + pl + pr - d * (kw - 1) - 1) / s + 1;
    let cpg = case.in_c / case.groups;
    let opg = case.out_c / case.groups;
    let mut out = Vec::with_capacity(case.batch * case.out_c * out_h * out_w);
    for n in 0..case.batch {
        for m in 0..case.out_c {
            let g = m / opg;
            for oy in 0..out_h {
                for ox in 0..out_w {
                    let mut acc = bias.map_or(0.0, |b| f64::from(b[m]));
                    for c in 0..cpg {
                        let ic = g * cpg + c;
                        for ky in 0..kh {
                            for kx in 0..kw {
                                let iy = (oy * s + ky * d) as isize - pt as isize;
                                let ix = (ox * s + kx * d) as isize - pl as isize;
                                if iy < 0 || ix < 0 || iy as usize >= h || ix as usize >= w {
                                    continue;
                                }
                                let x = input
                                    [((n * case.in_c + ic) * h + iy as usize) * w + ix as usize];
                                let k = kernel[((m * cpg + c) * kh + ky) * kw + kx];
                                acc += f64::from(x) * f64::from(k);
                            }
                        }
                    }
                    out.push(acc as f32);
                }
            }
        }
    }
    out
}

fn check(case: Case, seed: u64) {
    let mut noise = Noise(seed | 1);
    let [h, w] = case.in_hw;
    let [kh, kw] = case.k;
    let input = noise.vec(case.batch * case.in_c * h * w);
    let kernel = noise.vec(case.out_c * (case.in_c / case.groups) * kh * kw);
    let bias = case.bias.then(|| noise.vec(case.out_c));
    let expected = reference(&case, &input, &kernel, bias.as_deref());

    let pool = BufferPool::new();
    let input_t = Tensor::from_data(&[case.batch, case.in_c, h, w][..], input);
    let kernel_t = Tensor::from_data(&[case.out_c, case.in_c / case.groups, kh, kw][..], kernel);
    let bias_t = bias.map(|b| NdTensor::from_data([case.out_c], b));
    let got: Tensor<f32> = conv(
        &pool,
        input_t.view(),
        kernel_t.view(),
        bias_t.as_ref().map(|b| b.view()),
        Padding::Fixed(case.pad.into()),
        case.groups,
        &[case.stride, case.stride],
        &[case.dilation, case.dilation],
    )
    .unwrap_or_else(|e| panic!("{case:?}: {e:?}"));
    let got = got.to_vec();
    assert_eq!(got.len(), expected.len(), "{case:?}: output size");
    let taps = (case.in_c / case.groups * kh * kw) as f32;
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert!(
            (g - e).abs() <= 1e-5 * taps.max(1.0) * (1.0 + e.abs()),
            "{case:?}: element {i} is {g}, expected {e}"
        );
    }
}

const PADS: [[usize; 4]; 4] = [[0, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2], [0, 1, 2, 0]];

#[test]
fn depthwise_stride_one_matches_the_definition() {
    let mut seed = 7;
    for k in [3, 5] {
        for pad in PADS {
            for in_hw in [[5, 5], [12, 44], [7, 17], [3, 64], [6, 1]] {
                if in_hw[0] + pad[0] + pad[2] < k || in_hw[1] + pad[1] + pad[3] < k {
                    continue;
                }
                // 6 channels: less than one block of 8; 11: one block and a part.
                for (batch, bias, chans) in [(1, true, 6), (2, false, 11)] {
                    seed += 1;
                    check(
                        Case {
                            batch,
                            in_c: chans,
                            out_c: chans,
                            groups: chans,
                            in_hw,
                            k: [k, k],
                            pad,
                            stride: 1,
                            dilation: 1,
                            bias,
                        },
                        seed,
                    );
                }
            }
        }
    }
}

#[test]
fn depthwise_with_stride_or_dilation_still_matches() {
    for (stride, dilation, k) in [(2, 1, 3), (2, 1, 5), (1, 2, 3)] {
        check(
            Case {
                batch: 2,
                in_c: 4,
                out_c: 4,
                groups: 4,
                in_hw: [11, 19],
                k: [k, k],
                pad: [1, 2, 1, 2],
                stride,
                dilation,
                bias: true,
            },
            (stride * 10 + dilation * 3 + k) as u64,
        );
    }
}

#[test]
fn few_output_channels_through_stacked_taps_match_the_definition() {
    let mut seed = 100;
    for (in_c, out_c) in [(16, 1), (24, 8), (96, 24), (40, 64)] {
        for k in [[3, 3], [1, 3], [5, 5]] {
            for pad in PADS {
                for in_hw in [[9, 13], [1, 22], [12, 20]] {
                    if in_hw[0] + pad[0] + pad[2] < k[0] || in_hw[1] + pad[1] + pad[3] < k[1] {
                        continue;
                    }
                    seed += 1;
                    check(
                        Case {
                            batch: 1 + (seed as usize % 2),
                            in_c,
                            out_c,
                            groups: 1,
                            in_hw,
                            k,
                            pad,
                            stride: 1,
                            dilation: 1,
                            bias: seed % 3 != 0,
                        },
                        seed,
                    );
                }
            }
        }
    }
}

#[test]
fn convolutions_beside_the_new_paths_still_match() {
    for (in_c, out_c, stride, groups) in
        [(16, 96, 1, 1), (24, 8, 2, 1), (8, 8, 1, 2), (3, 16, 2, 1)]
    {
        check(
            Case {
                batch: 2,
                in_c,
                out_c,
                groups,
                in_hw: [10, 14],
                k: [3, 3],
                pad: [1, 1, 1, 1],
                stride,
                dilation: 1,
                bias: true,
            },
            (in_c * 31 + out_c) as u64,
        );
    }
}

/// Nearest-neighbour resizing (gathered row by row in the vendored engine) against
/// its definition, with the detector's settings (asymmetric coordinates, floor) and
/// with ceil, over whole, fractional and shrinking scales.
#[test]
fn nearest_resize_matches_the_definition() {
    use rten::ops::{CoordTransformMode, NearestMode, ResizeMode, ResizeTarget, resize};

    let (batch, chans, h, w) = (2, 6, 5, 7);
    let mut noise = Noise(99);
    let input = noise.vec(batch * chans * h * w);
    let input_t = Tensor::from_data(&[batch, chans, h, w][..], input.clone());
    let pool = BufferPool::new();
    for (sy, sx) in [(2.0f32, 2.0f32), (4.0, 4.0), (1.5, 0.75), (0.5, 3.0)] {
        for (mode, ceil) in [(NearestMode::Floor, false), (NearestMode::Ceil, true)] {
            let scales = NdTensor::from_data([4], vec![1.0, 1.0, sy, sx]);
            let got = resize(
                &pool,
                input_t.view(),
                ResizeTarget::Scales(scales.view()),
                ResizeMode::Nearest,
                CoordTransformMode::Asymmetric,
                mode,
            )
            .unwrap_or_else(|e| panic!("{sy}x{sx}: {e:?}"));
            let out_h = (h as f32 * sy).floor() as usize;
            let out_w = (w as f32 * sx).floor() as usize;
            assert_eq!(got.shape(), &[batch, chans, out_h, out_w], "{sy}x{sx}");
            let source = |o: usize, inv: f32, len: usize| {
                let c = (o as f32 * inv).clamp(0.0, len as f32 - 1.0);
                if ceil { c.ceil() as usize } else { c as usize }
            };
            let got = got.to_vec();
            let mut k = 0;
            for n in 0..batch {
                for c in 0..chans {
                    for y in 0..out_h {
                        for x in 0..out_w {
                            let iy = source(y, 1.0 / sy, h);
                            let ix = source(x, 1.0 / sx, w);
                            let want = input[((n * chans + c) * h + iy) * w + ix];
                            assert_eq!(got[k], want, "{sy}x{sx} {mode:?} at {n},{c},{y},{x}");
                            k += 1;
                        }
                    }
                }
            }
        }
    }
}
