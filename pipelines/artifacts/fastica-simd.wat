;; The two matrix products of a parallel FastICA step, on 128-bit SIMD (two
;; doubles per instruction), four rows of W at a time. Built into
;; fastica-simd-wasm.ts by scripts/build-fastica-simd.sh (wabt's wat2wasm).
;;
;; Layout (byte addresses, every array f64, row-major):
;;   X rows of `xs` bytes (the whitened data, one row per component),
;;   y: four rows of one block of samples, `yb` bytes apart,
;;   W rows of k weights; gx rows of k sums.
;; Lengths are in samples and must be even, and so must k (the caller pads with zeros).
(module
  (memory (export "memory") 1)

  ;; y[r][t] = Σ_j W[r][j] · X[j][t] for r = 0..3 and t < len; k must be even
  ;; (two rows of X per pass, so each y is loaded and stored half as often).
  (func (export "project4")
    (param $y i32) (param $yb i32) (param $x i32) (param $xs i32) (param $len i32) (param $w i32) (param $k i32)
    (local $j i32) (local $t i32) (local $end i32) (local $p i32) (local $xr i32) (local $wr i32) (local $kb i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $u v128)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $t (i32.const 0))
    (block $zero_done
      (loop $zero
        (br_if $zero_done (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $p (i32.add (local.get $y) (local.get $t)))
        (v128.store (local.get $p) (v128.const i64x2 0 0))
        (v128.store (i32.add (local.get $p) (local.get $yb)) (v128.const i64x2 0 0))
        (v128.store (i32.add (local.get $p) (i32.shl (local.get $yb) (i32.const 1))) (v128.const i64x2 0 0))
        (v128.store (i32.add (local.get $p) (i32.mul (local.get $yb) (i32.const 3))) (v128.const i64x2 0 0))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $zero)))
    (local.set $j (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $wr (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $a0 (f64x2.splat (f64.load (local.get $wr))))
        (local.set $b0 (f64x2.splat (f64.load offset=8 (local.get $wr))))
        (local.set $wr (i32.add (local.get $wr) (local.get $kb)))
        (local.set $a1 (f64x2.splat (f64.load (local.get $wr))))
        (local.set $b1 (f64x2.splat (f64.load offset=8 (local.get $wr))))
        (local.set $wr (i32.add (local.get $wr) (local.get $kb)))
        (local.set $a2 (f64x2.splat (f64.load (local.get $wr))))
        (local.set $b2 (f64x2.splat (f64.load offset=8 (local.get $wr))))
        (local.set $wr (i32.add (local.get $wr) (local.get $kb)))
        (local.set $a3 (f64x2.splat (f64.load (local.get $wr))))
        (local.set $b3 (f64x2.splat (f64.load offset=8 (local.get $wr))))
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $xs))))
        (local.set $t (i32.const 0))
        (block $samples_done
          (loop $samples
            (br_if $samples_done (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $v (v128.load (i32.add (local.get $xr) (local.get $t))))
            (local.set $u (v128.load (i32.add (i32.add (local.get $xr) (local.get $xs)) (local.get $t))))
            (local.set $p (i32.add (local.get $y) (local.get $t)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.add (f64x2.mul (local.get $a0) (local.get $v)) (f64x2.mul (local.get $b0) (local.get $u)))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.add (f64x2.mul (local.get $a1) (local.get $v)) (f64x2.mul (local.get $b1) (local.get $u)))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.add (f64x2.mul (local.get $a2) (local.get $v)) (f64x2.mul (local.get $b2) (local.get $u)))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.add (f64x2.mul (local.get $a3) (local.get $v)) (f64x2.mul (local.get $b3) (local.get $u)))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $samples)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $rows)))
  )

  ;; gx[r][j] += Σ_t y[r][t] · X[j][t] for r = 0..3, j < k, t < len.
  (func (export "accumulate4")
    (param $g i32) (param $y i32) (param $yb i32) (param $x i32) (param $xs i32) (param $len i32) (param $k i32)
    (local $j i32) (local $t i32) (local $end i32) (local $p i32) (local $xr i32) (local $gp i32) (local $kb i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $v v128)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $xs))))
        (local.set $t (i32.const 0))
        (block $samples_done
          (loop $samples
            (br_if $samples_done (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $v (v128.load (i32.add (local.get $xr) (local.get $t))))
            (local.set $p (i32.add (local.get $y) (local.get $t)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $p)) (local.get $v))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load (local.get $p)) (local.get $v))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load (local.get $p)) (local.get $v))))
            (local.set $p (i32.add (local.get $p) (local.get $yb)))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load (local.get $p)) (local.get $v))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $samples)))
        (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store (local.get $gp) (f64.add (f64.load (local.get $gp))
          (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0)))))
        (local.set $gp (i32.add (local.get $gp) (local.get $kb)))
        (f64.store (local.get $gp) (f64.add (f64.load (local.get $gp))
          (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1)))))
        (local.set $gp (i32.add (local.get $gp) (local.get $kb)))
        (f64.store (local.get $gp) (f64.add (f64.load (local.get $gp))
          (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2)))))
        (local.set $gp (i32.add (local.get $gp) (local.get $kb)))
        (f64.store (local.get $gp) (f64.add (f64.load (local.get $gp))
          (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows)))
  )
)
