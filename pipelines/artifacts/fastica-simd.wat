;; The products and the logcosh of a parallel FastICA step on 128-bit SIMD (two
;; doubles per instruction), four rows of W at a time, register-blocked so the
;; inner loops keep their sums in registers instead of loading and storing them,
;; and addressed through moving pointers with constant offsets (an i32 add
;; before each load is an instruction of its own in WebAssembly).
;; Built into fastica-simd-wasm.ts by scripts/build-fastica-simd.sh (wabt's wat2wasm).
;;
;; Layout (byte addresses, every array f64):
;;   X rows of `xs` bytes (the whitened data, one row per component);
;;   y: four rows of one block of at most 512 samples, 4096 bytes apart;
;;   W, for the four rows of a call, column by column: W[0][j], W[1][j], W[2][j], W[3][j]
;;   for j = 0..k-1 (32 bytes per column);
;;   gx rows of sums, `gs` bytes apart.
;; Lengths are in samples and must be multiples of 4, and k must be even (the
;; caller pads with zeros).
(module
  (memory (export "memory") 1)

  ;; y[r][t] = Σ_j W[r][j] · X[j][t] for r = 0..3 and t < len: four samples of
  ;; the four rows (eight sums) stay in registers while j runs over the rows of
  ;; X, two rows per pass.
  (func $project4 (export "project4")
    (param $y i32) (param $x i32) (param $xs i32) (param $len i32) (param $w i32) (param $k i32)
    (local $t i32) (local $end i32) (local $xp i32) (local $wp i32) (local $wend i32) (local $p i32) (local $xs2 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $v0 v128) (local $v1 v128) (local $u0 v128) (local $u1 v128) (local $s v128)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $wend (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 5))))
    (local.set $xs2 (i32.shl (local.get $xs) (i32.const 1)))
    (local.set $t (i32.const 0))
    (block $samples_done
      (loop $samples
        (br_if $samples_done (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        (local.set $xp (i32.add (local.get $x) (local.get $t)))
        (local.set $wp (local.get $w))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_u (local.get $wp) (local.get $wend)))
            (local.set $v0 (v128.load (local.get $xp)))
            (local.set $v1 (v128.load offset=16 (local.get $xp)))
            (local.set $p (i32.add (local.get $xp) (local.get $xs)))
            (local.set $u0 (v128.load (local.get $p)))
            (local.set $u1 (v128.load offset=16 (local.get $p)))
            (local.set $s (v128.load64_splat (local.get $wp)))
            (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $s) (local.get $v0))))
            (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $s) (local.get $v1))))
            (local.set $s (v128.load64_splat offset=8 (local.get $wp)))
            (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $s) (local.get $v0))))
            (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $s) (local.get $v1))))
            (local.set $s (v128.load64_splat offset=16 (local.get $wp)))
            (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $s) (local.get $v0))))
            (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $s) (local.get $v1))))
            (local.set $s (v128.load64_splat offset=24 (local.get $wp)))
            (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $s) (local.get $v0))))
            (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $s) (local.get $v1))))
            (local.set $s (v128.load64_splat offset=32 (local.get $wp)))
            (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $s) (local.get $u0))))
            (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $s) (local.get $u1))))
            (local.set $s (v128.load64_splat offset=40 (local.get $wp)))
            (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $s) (local.get $u0))))
            (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $s) (local.get $u1))))
            (local.set $s (v128.load64_splat offset=48 (local.get $wp)))
            (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $s) (local.get $u0))))
            (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $s) (local.get $u1))))
            (local.set $s (v128.load64_splat offset=56 (local.get $wp)))
            (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $s) (local.get $u0))))
            (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $s) (local.get $u1))))
            (local.set $xp (i32.add (local.get $xp) (local.get $xs2)))
            (local.set $wp (i32.add (local.get $wp) (i32.const 64)))
            (br $rows)))
        (local.set $p (i32.add (local.get $y) (local.get $t)))
        (v128.store (local.get $p) (local.get $c00))
        (v128.store offset=16 (local.get $p) (local.get $c01))
        (v128.store offset=4096 (local.get $p) (local.get $c10))
        (v128.store offset=4112 (local.get $p) (local.get $c11))
        (v128.store offset=8192 (local.get $p) (local.get $c20))
        (v128.store offset=8208 (local.get $p) (local.get $c21))
        (v128.store offset=12288 (local.get $p) (local.get $c30))
        (v128.store offset=12304 (local.get $p) (local.get $c31))
        (local.set $t (i32.add (local.get $t) (i32.const 32)))
        (br $samples)))
  )

  ;; mem[at] += lane 0 + lane 1 of v.
  (func $add_lanes (param $at i32) (param $v v128)
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
      (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))))

  ;; gx[r][j] += Σ_t y[r][t] · X[j][t] for r = 0..3, j < k, t < len: two rows
  ;; of X against the four rows of y (eight sums in registers) per pass.
  (func $accumulate4 (export "accumulate4")
    (param $g i32) (param $gs i32) (param $y i32) (param $x i32) (param $xs i32) (param $len i32) (param $k i32)
    (local $j i32) (local $yp i32) (local $yend i32) (local $xa i32) (local $xb i32) (local $gp i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $va v128) (local $vb v128) (local $v v128)
    (local.set $yend (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $j (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $s00 (v128.const i64x2 0 0))
        (local.set $s01 (v128.const i64x2 0 0))
        (local.set $s10 (v128.const i64x2 0 0))
        (local.set $s11 (v128.const i64x2 0 0))
        (local.set $s20 (v128.const i64x2 0 0))
        (local.set $s21 (v128.const i64x2 0 0))
        (local.set $s30 (v128.const i64x2 0 0))
        (local.set $s31 (v128.const i64x2 0 0))
        (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $xs))))
        (local.set $xb (i32.add (local.get $xa) (local.get $xs)))
        (local.set $yp (local.get $y))
        (block $samples_done
          (loop $samples
            (br_if $samples_done (i32.ge_u (local.get $yp) (local.get $yend)))
            (local.set $va (v128.load (local.get $xa)))
            (local.set $vb (v128.load (local.get $xb)))
            (local.set $v (v128.load (local.get $yp)))
            (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v) (local.get $va))))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v) (local.get $vb))))
            (local.set $v (v128.load offset=4096 (local.get $yp)))
            (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $v) (local.get $va))))
            (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $v) (local.get $vb))))
            (local.set $v (v128.load offset=8192 (local.get $yp)))
            (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $v) (local.get $va))))
            (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $v) (local.get $vb))))
            (local.set $v (v128.load offset=12288 (local.get $yp)))
            (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $v) (local.get $va))))
            (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $v) (local.get $vb))))
            (local.set $xa (i32.add (local.get $xa) (i32.const 16)))
            (local.set $xb (i32.add (local.get $xb) (i32.const 16)))
            (local.set $yp (i32.add (local.get $yp) (i32.const 16)))
            (br $samples)))
        (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
        (call $add_lanes (local.get $gp) (local.get $s00))
        (call $add_lanes (i32.add (local.get $gp) (i32.const 8)) (local.get $s01))
        (local.set $gp (i32.add (local.get $gp) (local.get $gs)))
        (call $add_lanes (local.get $gp) (local.get $s10))
        (call $add_lanes (i32.add (local.get $gp) (i32.const 8)) (local.get $s11))
        (local.set $gp (i32.add (local.get $gp) (local.get $gs)))
        (call $add_lanes (local.get $gp) (local.get $s20))
        (call $add_lanes (i32.add (local.get $gp) (i32.const 8)) (local.get $s21))
        (local.set $gp (i32.add (local.get $gp) (local.get $gs)))
        (call $add_lanes (local.get $gp) (local.get $s30))
        (call $add_lanes (i32.add (local.get $gp) (i32.const 8)) (local.get $s31))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $rows)))
  )

  ;; y[r][t] = tanh(alpha · y[r][t]) in place for r = 0..3, t < len, and
  ;; sq[r] += Σ_t y[r][t]² of the new values (logcosh's derivative is
  ;; alpha · (1 − g²), summed by the caller as alpha · (count − Σ g²)).
  ;; tanh(u) = sign(u) · e / (e + 2) with e = expm1(2|u|) (2|u| capped at 40,
  ;; where tanh is 1 in doubles): expm1 by Cody–Waite reduction to
  ;; |r| ≤ ln2/2, its Taylor series to r^13 (truncation below 1e-17 relative),
  ;; and 2^n built in the exponent bits, within a few ulps of Math.tanh.
  (func $logcosh4 (export "logcosh4")
    (param $y i32) (param $len i32) (param $alpha f64) (param $sq i32)
    (local $r i32) (local $t i32) (local $end i32) (local $p i32) (local $a v128)
    (local $u v128) (local $sign v128) (local $z v128) (local $n v128) (local $q v128) (local $e v128) (local $acc v128)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (i32.const 4)))
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $r) (i32.const 12))))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $t (i32.const 0))
        (block $samples_done
          (loop $samples
            (br_if $samples_done (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $u (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $p) (local.get $t)))))
            (local.set $sign (v128.and (local.get $u) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
            ;; z = min(2|u|, 40); n = round(z / ln2); q = z − n·ln2 (ln2 split in two, n·hi exact).
            (local.set $z (f64x2.min (f64x2.add (f64x2.abs (local.get $u)) (f64x2.abs (local.get $u))) (v128.const f64x2 40 40)))
            (local.set $n (f64x2.nearest (f64x2.mul (local.get $z) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $q (f64x2.sub
              (f64x2.sub (local.get $z) (f64x2.mul (local.get $n) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
              (f64x2.mul (local.get $n) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
            ;; e = expm1(q) = q·(1 + q·(1/2! + q·(1/3! + … + q/13!))).
            (local.set $e (f64x2.add (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09)
              (f64x2.mul (local.get $q) (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))))
            (local.set $e (f64x2.add (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 1.984126984126984e-04 1.984126984126984e-04) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 1.388888888888889e-03 1.388888888888889e-03) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 8.333333333333333e-03 8.333333333333333e-03) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 4.1666666666666664e-02 4.1666666666666664e-02) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 0.16666666666666666 0.16666666666666666) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $q) (local.get $e))))
            (local.set $e (f64x2.mul (local.get $q) (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (local.get $q) (local.get $e)))))
            ;; expm1(z) = 2^n · e + (2^n − 1), 2^n from the exponent bits (n ≤ 58).
            (local.set $n (i64x2.shl
              (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $n))) (v128.const i64x2 1023 1023))
              (i32.const 52)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $n) (local.get $e)) (f64x2.sub (local.get $n) (v128.const f64x2 1 1))))
            (local.set $u (v128.or (f64x2.div (local.get $e) (f64x2.add (local.get $e) (v128.const f64x2 2 2))) (local.get $sign)))
            (v128.store (i32.add (local.get $p) (local.get $t)) (local.get $u))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $u) (local.get $u))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $samples)))
        (call $add_lanes (i32.add (local.get $sq) (i32.shl (local.get $r) (i32.const 3))) (local.get $acc))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
  )

  ;; One block of a parallel step for four rows of W: y = W·X, g = tanh(alpha·y)
  ;; with Σ g² into sq, gx += g·Xᵀ (gx rows k apart).
  (func (export "step4")
    (param $g i32) (param $y i32) (param $x i32) (param $xs i32) (param $len i32) (param $w i32) (param $k i32)
    (param $alpha f64) (param $sq i32)
    (call $project4 (local.get $y) (local.get $x) (local.get $xs) (local.get $len) (local.get $w) (local.get $k))
    (call $logcosh4 (local.get $y) (local.get $len) (local.get $alpha) (local.get $sq))
    (call $accumulate4 (local.get $g) (i32.shl (local.get $k) (i32.const 3)) (local.get $y)
      (local.get $x) (local.get $xs) (local.get $len) (local.get $k))
  )
)
