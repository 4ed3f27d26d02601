//go:build amd64 && !purego

#include "textflag.h"

// The kernel's algorithm is written out in Go in model_test.go
// (modelKernel), and foldConstants in crc32x.go says what each constant is.
// Each 128-bit lane holds 16 consecutive input bytes as loaded (little
// endian), which for the bit-reflected IEEE CRC makes the lane's low
// quadword the higher-degree half. Folding lane H forward by t bits is
//     H.lo*k.lo ^ H.hi*k.hi, k = (x^(t+63) mod P, x^(t-1) mod P),
// which VPCLMULQDQ does in both lanes of a YMM register at once.

// FOLD folds each lane of A forward by the distance whose constants K holds,
// using T as scratch: A = A.lo*K.lo ^ A.hi*K.hi.
#define FOLD(K, A, T) \
	VPCLMULQDQ $0x00, K, A, T \
	VPCLMULQDQ $0x11, K, A, A \
	VPXOR      T, A, A

// func foldIEEE(state uint32, p []byte) uint32
TEXT ·foldIEEE(SB), NOSPLIT, $0-36
	MOVL state+0(FP), AX
	MOVQ p_base+8(FP), SI
	MOVQ p_len+16(FP), CX
	LEAQ ·foldConstants(SB), R8

	// Eight lanes in four YMM accumulators take the first 128 bytes; the
	// state is XORed into the first four bytes.
	VMOVD   AX, X4
	VMOVDQU 0(SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVDQU 64(SI), Y2
	VMOVDQU 96(SI), Y3
	VPXOR   Y4, Y0, Y0
	ADDQ    $128, SI
	SUBQ    $128, CX
	CMPQ    CX, $128
	JB      combine

	// Each lane folds forward by 128 bytes onto the next 128-byte block.
	VBROADCASTI128 0(R8), Y8

loop128:
	VPCLMULQDQ $0x00, Y8, Y0, Y4
	VPCLMULQDQ $0x11, Y8, Y0, Y0
	VPCLMULQDQ $0x00, Y8, Y1, Y5
	VPCLMULQDQ $0x11, Y8, Y1, Y1
	VPCLMULQDQ $0x00, Y8, Y2, Y6
	VPCLMULQDQ $0x11, Y8, Y2, Y2
	VPCLMULQDQ $0x00, Y8, Y3, Y7
	VPCLMULQDQ $0x11, Y8, Y3, Y3
	VPXOR      0(SI), Y4, Y4
	VPXOR      32(SI), Y5, Y5
	VPXOR      64(SI), Y6, Y6
	VPXOR      96(SI), Y7, Y7
	VPXOR      Y4, Y0, Y0
	VPXOR      Y5, Y1, Y1
	VPXOR      Y6, Y2, Y2
	VPXOR      Y7, Y3, Y3
	ADDQ       $128, SI
	SUBQ       $128, CX
	CMPQ       CX, $128
	JAE        loop128

combine:
	// Fold the accumulators into Y0 by 32 bytes at a time, then take
	// whole 32-byte blocks that remain the same way.
	VBROADCASTI128 16(R8), Y8
	FOLD(Y8, Y0, Y4)
	VPXOR          Y1, Y0, Y0
	FOLD(Y8, Y0, Y4)
	VPXOR          Y2, Y0, Y0
	FOLD(Y8, Y0, Y4)
	VPXOR          Y3, Y0, Y0

loop32:
	CMPQ CX, $32
	JB   lanes
	FOLD(Y8, Y0, Y4)
	VPXOR 0(SI), Y0, Y0
	ADDQ  $32, SI
	SUBQ  $32, CX
	JMP   loop32

lanes:
	// Fold the low lane onto the high one, then a last 16-byte block.
	VMOVDQU      32(R8), X8
	VEXTRACTI128 $1, Y0, X1
	FOLD(X8, X0, X4)
	VPXOR        X1, X0, X0
	CMPQ         CX, $16
	JB           reduce
	FOLD(X8, X0, X4)
	VPXOR        0(SI), X0, X0

reduce:
	// The CRC register is X0*x^32 mod P. Multiply by x^32 (96 bits left,
	// the low doubleword zero), fold the top 32 bits into the low 64 (the
	// high quadword of X0 is then Y, the rest ignored), and reduce Y with
	// Barrett's method: q = floor(Y1*mu / x^32) for Y1 the top 32 bits of
	// Y, and the CRC is the low 32 bits of Y ^ q*P.
	VMOVDQU    48(R8), X8
	FOLD(X8, X0, X4)
	VMOVDQU    64(R8), X8
	VPCLMULQDQ $0x00, X8, X0, X4
	VPXOR      X4, X0, X0
	VPSLLQ     $32, X0, X1
	VPCLMULQDQ $0x11, X8, X1, X1
	VMOVDQU    80(R8), X8
	VPCLMULQDQ $0x00, X8, X1, X1
	VPEXTRD    $2, X1, AX
	VPEXTRD    $3, X0, DX
	XORL       DX, AX
	VZEROUPPER
	MOVL       AX, ret+32(FP)
	RET

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv(index uint32) (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-16
	MOVL index+0(FP), CX
	XGETBV
	MOVL AX, eax+8(FP)
	MOVL DX, edx+12(FP)
	RET
