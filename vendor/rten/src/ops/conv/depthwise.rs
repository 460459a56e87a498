// Modified for beian (see PATCHES.md): fast paths for stride-1 3x3 and 5x5
// depthwise convolutions (`compute_image`, `compute_channel`).

use std::mem::MaybeUninit;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rten_base::unroll::unroll_loop;
use rten_tensor::prelude::*;
use rten_tensor::{AssumeInit, NdTensor, NdTensorView, NdTensorViewMut};
use smallvec::SmallVec;

use crate::buffer_pool::{AutoReturn, BufferPool};

/// Calculate the output coordinate range for which all input / output
/// coordinates are valid when updating a row of output using:
///
/// ```text
/// for out_x in min_out_x..max_out_x {
///   out_row[out_x] += in_row[out_x * stride + k_x * dilation - pad_left] * kernel_row[k_x]
/// }
/// ```
///
/// Where `in_row` is the un-padded input row of width `in_w` and `out_row` is
/// an output row of width `out_w`.
///
/// In other words, we want to find the minimum and maximum values of `out_x`
/// such that:
///
/// - out_x * stride + k_x * dilation - pad_left >= 0
/// - out_x * stride + k_x * dilation - pad_left <= in_w
/// - out_x >= 0
/// - out_x <= out_w
fn min_max_out_x_coords(
    k_x: usize,
    in_w: usize,
    pad_left: usize,
    stride: usize,
    dilation: usize,
    out_w: usize,
) -> (usize, usize) {
    let min_out_x = pad_left
        .saturating_sub(k_x * dilation)
        .div_ceil(stride)
        .min(out_w);
    let max_out_x = (in_w + pad_left)
        .saturating_sub(k_x * dilation)
        .div_ceil(stride)
        .min(out_w);
    (min_out_x, max_out_x)
}

/// Convolution parameters passed to the kernel which are constant across
/// all calls within a single depthwise conv operation.
struct ConvParams<'a> {
    kernel_h: usize,
    stride_h: usize,
    stride_w: usize,
    dilation_y: usize,
    pad_top: usize,
    in_h: usize,
    in_row_len: usize,
    in_row_stride: usize,

    /// Precomputed map of kernel X coordinate to input and output row
    /// range.
    col_range_for_kernel_x: &'a [(Range<usize>, Range<usize>)],
}

/// Trait for architecture and data-type specific kernels for depthwise
/// convolution.
trait DepthwiseConvKernel<X, W, Y> {
    /// Compute one output row of the depthwise convolution.
    ///
    /// `image_chan` and `kernel_chan` contain the input data and weights for
    /// the channel that corresponds to the output row.
    fn compute_row(
        &self,
        params: &ConvParams,
        out_row: &mut [MaybeUninit<Y>],
        out_y: usize,
        out_init: Y,
        image_chan: &[X],
        kernel_chan: NdTensorView<W, 2>,
        input_zero: X,
        kernel_zero: W,
    );

    /// Compute every channel of one image at once, if this kernel has a fast
    /// path for the convolution's geometry. `out` and `input` are contiguous
    /// (channels, rows, columns). Returns `false` (and writes nothing)
    /// otherwise, in which case the caller goes channel by channel.
    fn compute_image(
        &self,
        _geom: &ChannelGeometry,
        _out: &mut [MaybeUninit<Y>],
        _bias: Option<&[Y]>,
        _input: &[X],
        _kernel: NdTensorView<W, 4>,
    ) -> bool {
        false
    }

    /// Compute a whole output channel at once, if this kernel has a fast path
    /// for the convolution's geometry. Returns `false` (and writes nothing)
    /// otherwise, in which case the caller computes the channel row by row
    /// with [`compute_row`](DepthwiseConvKernel::compute_row).
    fn compute_channel(
        &self,
        _geom: &ChannelGeometry,
        _out_chan: &mut [MaybeUninit<Y>],
        _out_init: Y,
        _image_chan: &[X],
        _kernel_chan: NdTensorView<W, 2>,
    ) -> bool {
        false
    }
}

/// Channels convolved together by [`compute_image_blocked`], one per vector lane.
const LANES: usize = 8;
/// Output columns computed together, so that several independent sums are in
/// flight at once.
const COLS: usize = 4;

/// Depthwise convolution, stride 1 and dilation 1, of one image in blocks of
/// [`LANES`] channels: each block is copied into a zero-padded buffer with the
/// channels interleaved, so that one vector holds the same pixel of every
/// channel of the block and every tap is one vector multiply-add, whatever the
/// width of the image. Blocks run in parallel. x86-64 with AVX2 only.
#[cfg(target_arch = "x86_64")]
fn compute_image_blocked<const K: usize>(
    geom: &ChannelGeometry,
    out: &mut [MaybeUninit<f32>],
    bias: Option<&[f32]>,
    input: &[f32],
    kernel: NdTensorView<f32, 4>,
) {
    let out_plane = geom.out_h * geom.out_w;
    out.par_chunks_mut(LANES * out_plane)
        .enumerate()
        .for_each(|(block, out_block)| {
            let c0 = block * LANES;
            let n_chans = out_block.len() / out_plane.max(1);
            let mut weights = [[[0f32; LANES]; K]; K];
            let mut init = [0f32; LANES];
            for l in 0..n_chans {
                for (ky, wrow) in weights.iter_mut().enumerate() {
                    for (kx, w) in wrow.iter_mut().enumerate() {
                        w[l] = kernel[[c0 + l, 0, ky, kx]];
                    }
                }
                init[l] = bias.map(|b| b[c0 + l]).unwrap_or(0.);
            }
            let in_plane = geom.in_h * geom.in_w;
            let chans = &input[c0 * in_plane..][..n_chans * in_plane];
            BLOCK_PADDED.with_borrow_mut(|padded| {
                // Safety: `compute_image` checked that the CPU has AVX2.
                unsafe { block_avx2::<K>(geom, out_block, n_chans, chans, &weights, &init, padded) }
            });
        });
}

/// One block of [`compute_image_blocked`]: `n_chans` channels (`chans`, planes
/// of the input) into `out_block`, through `padded`, with AVX2 vectors of
/// [`LANES`] channels and [`COLS`] output columns at a time. Each output is its
/// bias plus its `K * K` taps, multiplied and added separately (no fused
/// multiply-add) in the order [`GenericDepthwiseConvKernel::compute_row`] uses
/// (kernel rows, then kernel columns), so the results are the same.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn block_avx2<const K: usize>(
    geom: &ChannelGeometry,
    out_block: &mut [MaybeUninit<f32>],
    n_chans: usize,
    chans: &[f32],
    weights: &[[[f32; LANES]; K]; K],
    init: &[f32; LANES],
    padded: &mut Vec<[f32; LANES]>,
) {
    use std::arch::x86_64::{
        __m256, _mm256_add_ps, _mm256_loadu_ps, _mm256_mul_ps, _mm256_storeu_ps,
    };

    let (out_h, out_w) = (geom.out_h, geom.out_w);
    let out_plane = out_h * out_w;
    let in_plane = geom.in_h * geom.in_w;
    let pw = out_w + K - 1;
    let ph = out_h + K - 1;
    padded.clear();
    padded.resize(pw * ph, [0.; LANES]);
    for l in 0..n_chans {
        let chan = &chans[l * in_plane..][..in_plane];
        for (in_y, in_row) in chan.chunks_exact(geom.in_w).enumerate() {
            let dst = &mut padded[(in_y + geom.pad_top) * pw + geom.pad_left..][..geom.in_w];
            for (d, v) in dst.iter_mut().zip(in_row) {
                d[l] = *v;
            }
        }
    }

    // Safety (loads below): the largest index read is
    // `(y + K - 1) * pw + x + (COLS - 1) + (K - 1)` with `y < out_h` and
    // `x + COLS <= out_w` (or `x < out_w` for one column), which is below
    // `ph * pw = padded.len()`.
    let base = padded.as_ptr() as *const f32;
    let w: [[__m256; K]; K] = std::array::from_fn(|ky| {
        std::array::from_fn(|kx| unsafe { _mm256_loadu_ps(weights[ky][kx].as_ptr()) })
    });
    let init_v = unsafe { _mm256_loadu_ps(init.as_ptr()) };
    let mut vals = [[0f32; LANES]; COLS];
    let mut store = |y: usize, x: usize, vals: &[[f32; LANES]]| {
        for l in 0..n_chans {
            let dst = &mut out_block[l * out_plane + y * out_w + x..][..vals.len()];
            for (d, v) in dst.iter_mut().zip(vals) {
                d.write(v[l]);
            }
        }
    };
    for y in 0..out_h {
        let mut x = 0;
        while x + COLS <= out_w {
            let mut acc = [init_v; COLS];
            for (ky, w_row) in w.iter().enumerate() {
                let row = unsafe { base.add(((y + ky) * pw + x) * LANES) };
                for (kx, wv) in w_row.iter().enumerate() {
                    for (j, a) in acc.iter_mut().enumerate() {
                        let px = unsafe { _mm256_loadu_ps(row.add((kx + j) * LANES)) };
                        *a = _mm256_add_ps(*a, _mm256_mul_ps(px, *wv));
                    }
                }
            }
            for (v, a) in vals.iter_mut().zip(&acc) {
                unsafe { _mm256_storeu_ps(v.as_mut_ptr(), *a) };
            }
            store(y, x, &vals);
            x += COLS;
        }
        while x < out_w {
            let mut acc = init_v;
            for (ky, w_row) in w.iter().enumerate() {
                let row = unsafe { base.add(((y + ky) * pw + x) * LANES) };
                for (kx, wv) in w_row.iter().enumerate() {
                    let px = unsafe { _mm256_loadu_ps(row.add(kx * LANES)) };
                    acc = _mm256_add_ps(acc, _mm256_mul_ps(px, *wv));
                }
            }
            unsafe { _mm256_storeu_ps(vals[0].as_mut_ptr(), acc) };
            store(y, x, &vals[..1]);
            x += 1;
        }
    }
}

#[cfg(target_arch = "x86_64")]
thread_local! {
    /// The channel-interleaved, zero-padded copy of the block being convolved.
    static BLOCK_PADDED: std::cell::RefCell<Vec<[f32; LANES]>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The geometry of one channel of a depthwise convolution, for
/// [`DepthwiseConvKernel::compute_image`] and
/// [`DepthwiseConvKernel::compute_channel`].
struct ChannelGeometry {
    in_h: usize,
    in_w: usize,
    in_row_stride: usize,
    out_h: usize,
    out_w: usize,
    out_row_stride: usize,
    kernel_h: usize,
    kernel_w: usize,
    pad_top: usize,
    pad_left: usize,
    strides: [usize; 2],
    dilations: [usize; 2],
}

impl ChannelGeometry {
    /// Whether the fast paths apply with a `k` x `k` kernel: stride 1,
    /// dilation 1, a non-empty output, and padding that keeps the input inside
    /// the zero-padded copy, which is then exactly `out + k - 1` wide and high.
    fn stride_one_fits(&self, k: usize) -> bool {
        self.strides == [1, 1]
            && self.dilations == [1, 1]
            && self.kernel_h == k
            && self.kernel_w == k
            && self.out_h > 0
            && self.out_w > 0
            && self.pad_top + self.in_h <= self.out_h + k - 1
            && self.pad_left + self.in_w <= self.out_w + k - 1
    }
}

/// Depthwise convolution of one channel with a `K` x `K` kernel, stride 1 and
/// dilation 1, over a zero-padded copy of the input channel (`padded`, rows of
/// `out_w + K - 1`). Each output is the bias plus its `K * K` taps, added in
/// the same order as [`GenericDepthwiseConvKernel::compute_row`] adds them
/// (kernel rows, then kernel columns), so the results are identical; the loop
/// over the output row is one pass, which the compiler vectorises.
#[inline(always)]
fn stencil_channel<const K: usize>(
    padded: &[f32],
    out: &mut [MaybeUninit<f32>],
    out_h: usize,
    out_w: usize,
    out_row_stride: usize,
    init: f32,
    weights: &[[f32; K]; K],
) {
    let pw = out_w + K - 1;
    assert!(padded.len() >= (out_h + K - 1) * pw);
    for y in 0..out_h {
        let out_row = &mut out[y * out_row_stride..][..out_w];
        let rows: [&[f32]; K] = std::array::from_fn(|ky| &padded[(y + ky) * pw..][..pw]);
        for (x, o) in out_row.iter_mut().enumerate() {
            let mut acc = init;
            for ky in 0..K {
                for kx in 0..K {
                    // Safety: `x + kx < out_w + K - 1 = pw`, the length of
                    // every row.
                    acc += unsafe { *rows[ky].get_unchecked(x + kx) } * weights[ky][kx];
                }
            }
            o.write(acc);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn stencil_channel_avx512<const K: usize>(
    padded: &[f32],
    out: &mut [MaybeUninit<f32>],
    out_h: usize,
    out_w: usize,
    out_row_stride: usize,
    init: f32,
    weights: &[[f32; K]; K],
) {
    stencil_channel::<K>(padded, out, out_h, out_w, out_row_stride, init, weights)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn stencil_channel_avx2<const K: usize>(
    padded: &[f32],
    out: &mut [MaybeUninit<f32>],
    out_h: usize,
    out_w: usize,
    out_row_stride: usize,
    init: f32,
    weights: &[[f32; K]; K],
) {
    stencil_channel::<K>(padded, out, out_h, out_w, out_row_stride, init, weights)
}

/// [`stencil_channel`] with the widest vectors the CPU has.
fn stencil_channel_dispatch<const K: usize>(
    padded: &[f32],
    out: &mut [MaybeUninit<f32>],
    out_h: usize,
    out_w: usize,
    out_row_stride: usize,
    init: f32,
    weights: &[[f32; K]; K],
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // Safety: the CPU supports AVX-512F.
            unsafe {
                stencil_channel_avx512::<K>(
                    padded,
                    out,
                    out_h,
                    out_w,
                    out_row_stride,
                    init,
                    weights,
                )
            };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // Safety: the CPU supports AVX2.
            unsafe {
                stencil_channel_avx2::<K>(padded, out, out_h, out_w, out_row_stride, init, weights)
            };
            return;
        }
    }
    stencil_channel::<K>(padded, out, out_h, out_w, out_row_stride, init, weights)
}

/// The stride-1 fast path of [`GenericDepthwiseConvKernel::compute_channel`]
/// for a `K` x `K` kernel.
fn compute_channel_stencil<const K: usize>(
    geom: &ChannelGeometry,
    out_chan: &mut [MaybeUninit<f32>],
    out_init: f32,
    image_chan: &[f32],
    kernel_chan: NdTensorView<f32, 2>,
) {
    let mut weights = [[0f32; K]; K];
    for (ky, row) in weights.iter_mut().enumerate() {
        for (kx, w) in row.iter_mut().enumerate() {
            *w = kernel_chan[[ky, kx]];
        }
    }

    // Zero-padded copy of the input channel: `out_h + K - 1` rows of
    // `out_w + K - 1`, the input placed at (pad_top, pad_left). The buffer is
    // kept per thread.
    let pw = geom.out_w + K - 1;
    let ph = geom.out_h + K - 1;
    PADDED.with_borrow_mut(|padded| {
        padded.clear();
        padded.resize(pw * ph, 0.);
        for in_y in 0..geom.in_h {
            let py = in_y + geom.pad_top;
            if py >= ph {
                break;
            }
            let copy_w = geom.in_w.min(pw.saturating_sub(geom.pad_left));
            let src = &image_chan[in_y * geom.in_row_stride..][..copy_w];
            padded[py * pw + geom.pad_left..][..copy_w].copy_from_slice(src);
        }
        stencil_channel_dispatch::<K>(
            padded,
            out_chan,
            geom.out_h,
            geom.out_w,
            geom.out_row_stride,
            out_init,
            &weights,
        );
    });
}

thread_local! {
    /// The zero-padded copy of the channel being convolved, reused.
    static PADDED: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct GenericDepthwiseConvKernel {}

impl DepthwiseConvKernel<f32, f32, f32> for GenericDepthwiseConvKernel {
    fn compute_row(
        &self,
        params: &ConvParams,
        out_row: &mut [MaybeUninit<f32>],
        out_y: usize,
        out_init: f32,
        image_chan: &[f32],
        kernel_chan: NdTensorView<f32, 2>,
        _input_zero: f32,
        _kernel_zero: f32,
    ) {
        let kernel_view = kernel_chan.weakly_checked_view();

        // Initialize output row.
        for x in out_row.iter_mut() {
            x.write(out_init);
        }
        let out_row: &mut [f32] = unsafe { out_row.assume_init() };

        for k_y in 0..params.kernel_h {
            let in_y = out_y * params.stride_h + k_y * params.dilation_y;
            if in_y < params.pad_top || in_y >= params.in_h + params.pad_top {
                continue;
            }

            let in_row_y = in_y - params.pad_top;
            let in_row = &image_chan[in_row_y * params.in_row_stride..][..params.in_row_len];

            for (k_x, (in_range, out_range)) in params.col_range_for_kernel_x.iter().enumerate() {
                let dest = &mut out_row[out_range.clone()];
                let src = &in_row[in_range.clone()];
                let scale = kernel_view[[k_y, k_x]];

                let src_els = src.len().div_ceil(params.stride_w);
                debug_assert!(src_els == dest.len());

                unroll_loop!(0..src_els, i, 4, {
                    unsafe {
                        *dest.get_unchecked_mut(i) +=
                            *src.get_unchecked(i * params.stride_w) * scale;
                    }
                });
            }
        }
    }

    fn compute_image(
        &self,
        geom: &ChannelGeometry,
        out: &mut [MaybeUninit<f32>],
        bias: Option<&[f32]>,
        input: &[f32],
        kernel: NdTensorView<f32, 4>,
    ) -> bool {
        let chans = kernel.size(0);
        // 3x3 kernels are faster channel by channel (`compute_channel`).
        let fits = geom.stride_one_fits(5)
            && geom.in_w > 0
            && geom.in_row_stride == geom.in_w
            && geom.out_row_stride == geom.out_w
            && out.len() == chans * geom.out_h * geom.out_w
            && input.len() == chans * geom.in_h * geom.in_w
            && bias.is_none_or(|b| b.len() == chans);
        #[cfg(target_arch = "x86_64")]
        if fits && std::arch::is_x86_feature_detected!("avx2") {
            compute_image_blocked::<5>(geom, out, bias, input, kernel);
            return true;
        }
        let _ = (fits, out, bias, input);
        false
    }

    fn compute_channel(
        &self,
        geom: &ChannelGeometry,
        out_chan: &mut [MaybeUninit<f32>],
        out_init: f32,
        image_chan: &[f32],
        kernel_chan: NdTensorView<f32, 2>,
    ) -> bool {
        if geom.stride_one_fits(3) {
            compute_channel_stencil::<3>(geom, out_chan, out_init, image_chan, kernel_chan);
        } else if geom.stride_one_fits(5) {
            compute_channel_stencil::<5>(geom, out_chan, out_init, image_chan, kernel_chan);
        } else {
            return false;
        }
        true
    }
}

impl DepthwiseConvKernel<i8, u8, i32> for GenericDepthwiseConvKernel {
    fn compute_row(
        &self,
        params: &ConvParams,
        out_row: &mut [MaybeUninit<i32>],
        out_y: usize,
        out_init: i32,
        image_chan: &[i8],
        kernel_chan: NdTensorView<u8, 2>,
        input_zero: i8,
        kernel_zero: u8,
    ) {
        let kernel_view = kernel_chan.weakly_checked_view();
        let input_zero = input_zero as i32;
        let kernel_zero = kernel_zero as i32;

        // Initialize output row.
        for x in out_row.iter_mut() {
            x.write(out_init);
        }
        let out_row: &mut [i32] = unsafe { out_row.assume_init() };

        for k_y in 0..params.kernel_h {
            let in_y = out_y * params.stride_h + k_y * params.dilation_y;
            if in_y < params.pad_top || in_y >= params.in_h + params.pad_top {
                continue;
            }

            let in_row_y = in_y - params.pad_top;
            let in_row = &image_chan[in_row_y * params.in_row_stride..][..params.in_row_len];

            for (k_x, (in_range, out_range)) in params.col_range_for_kernel_x.iter().enumerate() {
                let dest = &mut out_row[out_range.clone()];
                let src = &in_row[in_range.clone()];
                let scale = kernel_view[[k_y, k_x]] as i32 - kernel_zero;

                let src_els = src.len().div_ceil(params.stride_w);
                debug_assert!(src_els == dest.len());

                unroll_loop!(0..src_els, i, 4, {
                    unsafe {
                        *dest.get_unchecked_mut(i) +=
                            (*src.get_unchecked(i * params.stride_w) as i32 - input_zero) * scale;
                    }
                });
            }
        }
    }
}

/// Compute depthwise convolution for the block of channels from `input`
/// specified by `chan_range` into `output`.
///
/// Convolutions where the group count is equal to the input and output
/// channel count are referred to as _depthwise_. These use a different
/// implementation than general convolutions for efficiency.
///
/// `X`, `W` and `Y` are the input, weight and output data types respectively.
pub struct DepthwiseConvExecutor<X: Copy, W, Y: Copy + Default> {
    kernel: Box<dyn DepthwiseConvKernel<X, W, Y> + Sync>,
}

impl<X: Copy + Default + Sync, W: Copy + Default + Sync, Y: Copy + Default>
    DepthwiseConvExecutor<X, W, Y>
{
    /// Compute depthwise convolution for the block of channels from `input`
    /// specified by `chan_range` into `output`.
    ///
    /// `col_range_for_kernel_x` is a precomputed map of kernel X coordinate to
    /// `(in_range, out_range)` of column ranges that are valid for the input and
    /// output.
    ///
    /// When this function returns, all elements of `output` will have been
    /// initialized.
    fn depthwise_conv_2d_block(
        &self,
        mut output: NdTensorViewMut<MaybeUninit<Y>, 3>, // C, H, W
        chan_range: Range<usize>,
        input: NdTensorView<X, 3>,  // C, H, W
        kernel: NdTensorView<W, 4>, // C, _, Kh, Kw
        bias: Option<NdTensorView<Y, 1>>,
        padding: [usize; 4],
        strides: [usize; 2],
        dilations: [usize; 2],
        col_range_for_kernel_x: &[(Range<usize>, Range<usize>)],
        input_zero: Option<X>,
        kernel_zero: Option<&[W]>,
    ) {
        debug_assert_eq!(input.stride(2), 1, "last dim of input is not contiguous");
        debug_assert_eq!(output.stride(2), 1, "last dim of output is not contiguous");

        let [_, out_h, _out_w] = output.shape();
        let [_, _, k_h, _k_w] = kernel.shape();
        let [_, in_h, _in_w] = input.shape();
        let [stride_h, stride_w] = strides;
        let [pad_top, _pad_left, _pad_bottom, _pad_right] = padding;
        let [dilation_y, _dilation_x] = dilations;

        let conv_params = ConvParams {
            stride_h,
            stride_w,
            kernel_h: k_h,
            pad_top,
            dilation_y,
            in_h,
            in_row_stride: input.stride(1),
            in_row_len: input.size(2),
            col_range_for_kernel_x,
        };

        let input_zero = input_zero.unwrap_or_default();
        for c in chan_range.clone() {
            let kernel_view = kernel.slice([c, 0]);

            let mut out_chan = output.slice_mut([c - chan_range.start]);
            let out_row_stride = out_chan.stride(0);
            let out_row_len = out_chan.size(1);
            let out_chan_data = out_chan.data_mut().unwrap();

            let in_chan = input.slice([c]);
            let in_chan_data = in_chan.data().unwrap();

            let init_value = if let Some(bias) = bias {
                bias[c]
            } else {
                Y::default()
            };

            let kernel_zero = kernel_zero.map(|kz| kz[c]).unwrap_or_default();

            let geom = ChannelGeometry {
                in_h,
                in_w: input.size(2),
                in_row_stride: input.stride(1),
                out_h,
                out_w: out_row_len,
                out_row_stride,
                kernel_h: k_h,
                kernel_w: kernel.size(3),
                pad_top,
                pad_left: padding[1],
                strides,
                dilations,
            };
            if in_chan_data.len() >= in_h.saturating_sub(1) * input.stride(1) + input.size(2)
                && self.kernel.compute_channel(
                    &geom,
                    &mut out_chan_data[..out_h.saturating_sub(1) * out_row_stride + out_row_len],
                    init_value,
                    in_chan_data,
                    kernel_view,
                )
            {
                continue;
            }

            for out_y in 0..out_h {
                // Here and in the `compute_row` implementation we use manual
                // slicing of the input data rather than tensor `slice` methods
                // for efficiency.
                let out_row = &mut out_chan_data[out_y * out_row_stride..][..out_row_len];
                self.kernel.compute_row(
                    &conv_params,
                    out_row,
                    out_y,
                    init_value,
                    in_chan_data,
                    kernel_view,
                    input_zero,
                    kernel_zero,
                );
            }
        }
    }

    /// Compute a depthwise convolution of a 2D image.
    pub fn depthwise_conv_2d(
        &self,
        pool: &BufferPool,
        input: &NdTensorView<X, 4>,
        kernel: &NdTensorView<W, 4>,
        bias: Option<NdTensorView<Y, 1>>,
        padding: [usize; 4],
        strides: [usize; 2],
        dilations: [usize; 2],
        out_hw: [usize; 2],
        input_zero: Option<X>,
        kernel_zero: Option<&[W]>,
    ) -> NdTensor<Y, 4> {
        let [batch, _in_c, _in_h, in_w]: [usize; 4] = input.shape();
        let [out_c, _, _k_h, k_w]: [usize; 4] = kernel.shape();
        let [_pad_top, pad_left, _pad_bottom, _pad_right] = padding;
        let [_stride_h, stride_w] = strides;
        let [_dilation_y, dilation_x] = dilations;
        let [out_h, out_w] = out_hw;

        let mut output = NdTensor::uninit_in(pool, [batch, out_c, out_h, out_w]);

        // `conv_2d_depthwise_block` assumes contiguous last dimension.
        let input = input.to_contiguous_in(pool).auto_return(pool);

        // Map of kernel X position to `(in_range, out_range)` of column ranges that
        // are used in the inner loop.
        let col_range_for_kernel_x: SmallVec<[_; 7]> = (0..k_w)
            .map(|k_x| {
                let (min_out_x, max_out_x) =
                    min_max_out_x_coords(k_x, in_w, pad_left, stride_w, dilation_x, out_w);

                // If the output range is empty, the input range must be too. Exit
                // early in case `max_out_x` is zero.
                //
                // This can happen if all the input coordinates which this kernel
                // column would be multiplied with are part of the padding region.
                if min_out_x == max_out_x {
                    return (0..0, 0..0);
                }

                let min_in_x = min_out_x * stride_w + k_x * dilation_x - pad_left;
                let max_in_x = (max_out_x - 1) * stride_w + k_x * dilation_x - pad_left + 1;

                (min_in_x..max_in_x, min_out_x..max_out_x)
            })
            .collect();

        let [_, _, in_h, _] = input.shape();
        let [_, _, k_h, _] = kernel.shape();
        let geom = ChannelGeometry {
            in_h,
            in_w,
            in_row_stride: in_w,
            out_h,
            out_w,
            out_row_stride: out_w,
            kernel_h: k_h,
            kernel_w: k_w,
            pad_top: padding[0],
            pad_left,
            strides,
            dilations,
        };
        let bias_vec = bias.map(|b| b.to_vec());

        let n_init = AtomicUsize::new(0);
        for n in 0..batch {
            let mut out_chans = output.slice_mut(n);
            let input = input.slice(n);

            if let (Some(out_data), Some(in_data)) = (out_chans.data_mut(), input.data())
                && self.kernel.compute_image(
                    &geom,
                    out_data,
                    bias_vec.as_deref(),
                    in_data,
                    kernel.view(),
                )
            {
                n_init.fetch_add(out_data.len(), Ordering::SeqCst);
                continue;
            }

            out_chans
                .axis_iter_mut(0)
                .into_par_iter()
                .enumerate()
                .for_each(|(out_chan, mut out_chans)| {
                    let mut out_chans = out_chans
                        .reshaped_mut([1, out_chans.size(0), out_chans.size(1)])
                        .unwrap();
                    self.depthwise_conv_2d_block(
                        out_chans.view_mut(),
                        out_chan..out_chan + 1,
                        input,
                        kernel.view(),
                        bias,
                        padding,
                        strides,
                        dilations,
                        &col_range_for_kernel_x,
                        input_zero,
                        kernel_zero,
                    );

                    n_init.fetch_add(out_chans.len(), Ordering::SeqCst);
                });
        }

        // Safety: We initialized all output rows
        assert!(n_init.load(Ordering::SeqCst) == output.len());
        unsafe { output.assume_init() }
    }
}

impl Default for DepthwiseConvExecutor<f32, f32, f32> {
    fn default() -> Self {
        DepthwiseConvExecutor {
            kernel: Box::new(GenericDepthwiseConvKernel {}),
        }
    }
}

impl Default for DepthwiseConvExecutor<i8, u8, i32> {
    fn default() -> Self {
        DepthwiseConvExecutor {
            kernel: Box::new(GenericDepthwiseConvKernel {}),
        }
    }
}

// nb. Tests for depthwise conv are implemented in the main `conv.rs` module.
