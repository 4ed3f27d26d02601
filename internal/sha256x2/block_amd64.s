//go:build amd64 && !purego

#include "textflag.h"

// SHA-256 block functions using the x86 SHA extensions (SHA-NI), SSSE3 and
// SSE2. FIPS 180-4 defines the algorithm; the Intel SDM defines
// SHA256RNDS2, SHA256MSG1 and SHA256MSG2.
//
// State layout. SHA256RNDS2 keeps the eight working variables in two
// registers: ABEF holds A, B, E, F in dwords 3, 2, 1, 0 and CDGH holds C, D,
// G, H likewise. Go keeps H0..H7 in order in memory, so a load gives
// (A,B,C,D) and (E,F,G,H) in dwords 0..3; LOADSTATE and STORESTATE convert.
//
// Rounds. Each group g = 0..15 runs four rounds: X0 = W[4g..4g+3] + K[4g..],
// SHA256RNDS2 on the low two dwords turns (CDGH, ABEF) into the next ABEF,
// PSHUFD $0x0E brings the high two dwords down and a second SHA256RNDS2
// with the registers swapped completes the group. The message schedule
// lives in four registers M0..M3 (group g uses M[g%4]); for 1 <= g <= 12
// SHA256MSG1 starts W[4g+12..] in M[(g-1)%4], and for 3 <= g <= 14 the
// W[t-7] terms (PALIGNR of M[g%4] and M[(g-1)%4]) and SHA256MSG2 finish
// W[4g+4..] in M[(g+1)%4].
//
// Go operand order: SHA256RNDS2 X0, src, dst; SHA256MSGn src, dst;
// PALIGNR $n, src, dst.

// LOADSTATE loads H0..H7 from h into abef and cdgh; t is clobbered.
#define LOADSTATE(h, abef, cdgh, t) \
	MOVOU (h), abef; \
	MOVOU 16(h), cdgh; \
	PSHUFD $0x1B, abef, t; \
	PSHUFD $0x1B, cdgh, cdgh; \
	MOVO cdgh, abef; \
	PUNPCKHQDQ t, abef; \
	PUNPCKLQDQ t, cdgh

// STORESTATE stores abef and cdgh as H0..H7 at h; t and cdgh are clobbered.
#define STORESTATE(h, abef, cdgh, t) \
	MOVO cdgh, t; \
	PUNPCKHQDQ abef, t; \
	PUNPCKLQDQ abef, cdgh; \
	PSHUFD $0x1B, t, t; \
	PSHUFD $0x1B, cdgh, cdgh; \
	MOVOU t, (h); \
	MOVOU cdgh, 16(h)

// LOADMSG loads the 16 big-endian words of the block at p into m0..m3.
#define LOADMSG(p, m0, m1, m2, m3) \
	MOVOU 0(p), m0; \
	PSHUFB X13, m0; \
	MOVOU 16(p), m1; \
	PSHUFB X13, m1; \
	MOVOU 32(p), m2; \
	PSHUFB X13, m2; \
	MOVOU 48(p), m3; \
	PSHUFB X13, m3

// Four rounds of group k/16 without message schedule work (g = 0, 15).
#define QR(k, m, abef, cdgh) \
	MOVOU k(AX), X0; \
	PADDD m, X0; \
	SHA256RNDS2 X0, abef, cdgh; \
	PSHUFD $0x0E, X0, X0; \
	SHA256RNDS2 X0, cdgh, abef

// Four rounds with SHA256MSG1 only (g = 1, 2).
#define QR1(k, m, mprev, abef, cdgh) \
	MOVOU k(AX), X0; \
	PADDD m, X0; \
	SHA256RNDS2 X0, abef, cdgh; \
	PSHUFD $0x0E, X0, X0; \
	SHA256RNDS2 X0, cdgh, abef; \
	SHA256MSG1 m, mprev

// Four rounds with SHA256MSG2 and SHA256MSG1 (g = 3..12).
#define QR12(k, m, mprev, mnext, t, abef, cdgh) \
	MOVOU k(AX), X0; \
	PADDD m, X0; \
	SHA256RNDS2 X0, abef, cdgh; \
	MOVO m, t; \
	PALIGNR $4, mprev, t; \
	PADDD t, mnext; \
	SHA256MSG2 m, mnext; \
	PSHUFD $0x0E, X0, X0; \
	SHA256RNDS2 X0, cdgh, abef; \
	SHA256MSG1 m, mprev

// Four rounds with SHA256MSG2 only (g = 13, 14).
#define QR2(k, m, mprev, mnext, t, abef, cdgh) \
	MOVOU k(AX), X0; \
	PADDD m, X0; \
	SHA256RNDS2 X0, abef, cdgh; \
	MOVO m, t; \
	PALIGNR $4, mprev, t; \
	PADDD t, mnext; \
	SHA256MSG2 m, mnext; \
	PSHUFD $0x0E, X0, X0; \
	SHA256RNDS2 X0, cdgh, abef

// func block(h *[8]uint32, p []byte)
// Hashes the len(p)/64 whole blocks of p into h.
// Registers: AX K table, SI p, CX blocks left, X1/X2 ABEF/CDGH,
// X3/X4 saved state, X5..X8 message, X13 byte-swap mask, X14 temporary.
TEXT ·block(SB), NOSPLIT, $0-32
	MOVQ h+0(FP), DI
	MOVQ p_base+8(FP), SI
	MOVQ p_len+16(FP), CX
	SHRQ $6, CX
	JZ   done1
	LEAQ K256<>(SB), AX
	MOVOU bswapMask<>(SB), X13
	LOADSTATE(DI, X1, X2, X14)

loop1:
	MOVO X1, X3
	MOVO X2, X4
	LOADMSG(SI, X5, X6, X7, X8)
	QR(0x00, X5, X1, X2)
	QR1(0x10, X6, X5, X1, X2)
	QR1(0x20, X7, X6, X1, X2)
	QR12(0x30, X8, X7, X5, X14, X1, X2)
	QR12(0x40, X5, X8, X6, X14, X1, X2)
	QR12(0x50, X6, X5, X7, X14, X1, X2)
	QR12(0x60, X7, X6, X8, X14, X1, X2)
	QR12(0x70, X8, X7, X5, X14, X1, X2)
	QR12(0x80, X5, X8, X6, X14, X1, X2)
	QR12(0x90, X6, X5, X7, X14, X1, X2)
	QR12(0xa0, X7, X6, X8, X14, X1, X2)
	QR12(0xb0, X8, X7, X5, X14, X1, X2)
	QR12(0xc0, X5, X8, X6, X14, X1, X2)
	QR2(0xd0, X6, X5, X7, X14, X1, X2)
	QR2(0xe0, X7, X6, X8, X14, X1, X2)
	QR(0xf0, X8, X1, X2)
	PADDD X3, X1
	PADDD X4, X2
	ADDQ $64, SI
	DECQ CX
	JNZ  loop1

	STORESTATE(DI, X1, X2, X14)

done1:
	RET

// Group g of both streams: stream A (state X1/X2, message X5..X8,
// temporary X14) then stream B (state X3/X4, message X9..X12, temporary
// X15). The two dependency chains are independent, so the out-of-order core
// overlaps A's rounds with B's; X0 is renamed.
#define QRX2(k, a0, b0) \
	QR(k, a0, X1, X2); \
	QR(k, b0, X3, X4)

#define QR1X2(k, a0, a1, b0, b1) \
	QR1(k, a0, a1, X1, X2); \
	QR1(k, b0, b1, X3, X4)

#define QR12X2(k, a0, a1, a2, b0, b1, b2) \
	QR12(k, a0, a1, a2, X14, X1, X2); \
	QR12(k, b0, b1, b2, X15, X3, X4)

#define QR2X2(k, a0, a1, a2, b0, b1, b2) \
	QR2(k, a0, a1, a2, X14, X1, X2); \
	QR2(k, b0, b1, b2, X15, X3, X4)

// func block2(ha, hb *[8]uint32, p, q []byte)
// Hashes the len(p)/64 whole blocks of p into ha and as many blocks of q
// into hb, interleaved; len(q) >= len(p).
// Registers: AX K table, DI ha, R8 hb, SI p, R9 q, CX blocks left,
// X1/X2 and X3/X4 the two states, X5..X8 and X9..X12 the two messages,
// X13 byte-swap mask, X14 and X15 temporaries; the states at the start
// of the block are kept at 0..63(SP).
TEXT ·block2(SB), NOSPLIT, $64-64
	MOVQ ha+0(FP), DI
	MOVQ hb+8(FP), R8
	MOVQ p_base+16(FP), SI
	MOVQ p_len+24(FP), CX
	MOVQ q_base+40(FP), R9
	SHRQ $6, CX
	JZ   done2
	LEAQ K256<>(SB), AX
	MOVOU bswapMask<>(SB), X13
	LOADSTATE(DI, X1, X2, X14)
	LOADSTATE(R8, X3, X4, X15)

loop2:
	MOVOU X1, 0(SP)
	MOVOU X2, 16(SP)
	MOVOU X3, 32(SP)
	MOVOU X4, 48(SP)
	LOADMSG(SI, X5, X6, X7, X8)
	LOADMSG(R9, X9, X10, X11, X12)
	QRX2(0x00, X5, X9)
	QR1X2(0x10, X6, X5, X10, X9)
	QR1X2(0x20, X7, X6, X11, X10)
	QR12X2(0x30, X8, X7, X5, X12, X11, X9)
	QR12X2(0x40, X5, X8, X6, X9, X12, X10)
	QR12X2(0x50, X6, X5, X7, X10, X9, X11)
	QR12X2(0x60, X7, X6, X8, X11, X10, X12)
	QR12X2(0x70, X8, X7, X5, X12, X11, X9)
	QR12X2(0x80, X5, X8, X6, X9, X12, X10)
	QR12X2(0x90, X6, X5, X7, X10, X9, X11)
	QR12X2(0xa0, X7, X6, X8, X11, X10, X12)
	QR12X2(0xb0, X8, X7, X5, X12, X11, X9)
	QR12X2(0xc0, X5, X8, X6, X9, X12, X10)
	QR2X2(0xd0, X6, X5, X7, X10, X9, X11)
	QR2X2(0xe0, X7, X6, X8, X11, X10, X12)
	QRX2(0xf0, X8, X12)
	MOVOU 0(SP), X14
	PADDD X14, X1
	MOVOU 16(SP), X14
	PADDD X14, X2
	MOVOU 32(SP), X15
	PADDD X15, X3
	MOVOU 48(SP), X15
	PADDD X15, X4
	ADDQ $64, SI
	ADDQ $64, R9
	DECQ CX
	JNZ  loop2

	STORESTATE(DI, X1, X2, X14)
	STORESTATE(R8, X3, X4, X15)

done2:
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

// PSHUFB mask reversing the bytes of each dword (big-endian message words).
DATA bswapMask<>+0x00(SB)/8, $0x0405060700010203
DATA bswapMask<>+0x08(SB)/8, $0x0c0d0e0f08090a0b
GLOBL bswapMask<>(SB), RODATA|NOPTR, $16

// K256 holds the SHA-256 round constants K[0..63] (FIPS 180-4, 4.2.2).
DATA K256<>+0x00(SB)/4, $0x428a2f98
DATA K256<>+0x04(SB)/4, $0x71374491
DATA K256<>+0x08(SB)/4, $0xb5c0fbcf
DATA K256<>+0x0c(SB)/4, $0xe9b5dba5
DATA K256<>+0x10(SB)/4, $0x3956c25b
DATA K256<>+0x14(SB)/4, $0x59f111f1
DATA K256<>+0x18(SB)/4, $0x923f82a4
DATA K256<>+0x1c(SB)/4, $0xab1c5ed5
DATA K256<>+0x20(SB)/4, $0xd807aa98
DATA K256<>+0x24(SB)/4, $0x12835b01
DATA K256<>+0x28(SB)/4, $0x243185be
DATA K256<>+0x2c(SB)/4, $0x550c7dc3
DATA K256<>+0x30(SB)/4, $0x72be5d74
DATA K256<>+0x34(SB)/4, $0x80deb1fe
DATA K256<>+0x38(SB)/4, $0x9bdc06a7
DATA K256<>+0x3c(SB)/4, $0xc19bf174
DATA K256<>+0x40(SB)/4, $0xe49b69c1
DATA K256<>+0x44(SB)/4, $0xefbe4786
DATA K256<>+0x48(SB)/4, $0x0fc19dc6
DATA K256<>+0x4c(SB)/4, $0x240ca1cc
DATA K256<>+0x50(SB)/4, $0x2de92c6f
DATA K256<>+0x54(SB)/4, $0x4a7484aa
DATA K256<>+0x58(SB)/4, $0x5cb0a9dc
DATA K256<>+0x5c(SB)/4, $0x76f988da
DATA K256<>+0x60(SB)/4, $0x983e5152
DATA K256<>+0x64(SB)/4, $0xa831c66d
DATA K256<>+0x68(SB)/4, $0xb00327c8
DATA K256<>+0x6c(SB)/4, $0xbf597fc7
DATA K256<>+0x70(SB)/4, $0xc6e00bf3
DATA K256<>+0x74(SB)/4, $0xd5a79147
DATA K256<>+0x78(SB)/4, $0x06ca6351
DATA K256<>+0x7c(SB)/4, $0x14292967
DATA K256<>+0x80(SB)/4, $0x27b70a85
DATA K256<>+0x84(SB)/4, $0x2e1b2138
DATA K256<>+0x88(SB)/4, $0x4d2c6dfc
DATA K256<>+0x8c(SB)/4, $0x53380d13
DATA K256<>+0x90(SB)/4, $0x650a7354
DATA K256<>+0x94(SB)/4, $0x766a0abb
DATA K256<>+0x98(SB)/4, $0x81c2c92e
DATA K256<>+0x9c(SB)/4, $0x92722c85
DATA K256<>+0xa0(SB)/4, $0xa2bfe8a1
DATA K256<>+0xa4(SB)/4, $0xa81a664b
DATA K256<>+0xa8(SB)/4, $0xc24b8b70
DATA K256<>+0xac(SB)/4, $0xc76c51a3
DATA K256<>+0xb0(SB)/4, $0xd192e819
DATA K256<>+0xb4(SB)/4, $0xd6990624
DATA K256<>+0xb8(SB)/4, $0xf40e3585
DATA K256<>+0xbc(SB)/4, $0x106aa070
DATA K256<>+0xc0(SB)/4, $0x19a4c116
DATA K256<>+0xc4(SB)/4, $0x1e376c08
DATA K256<>+0xc8(SB)/4, $0x2748774c
DATA K256<>+0xcc(SB)/4, $0x34b0bcb5
DATA K256<>+0xd0(SB)/4, $0x391c0cb3
DATA K256<>+0xd4(SB)/4, $0x4ed8aa4a
DATA K256<>+0xd8(SB)/4, $0x5b9cca4f
DATA K256<>+0xdc(SB)/4, $0x682e6ff3
DATA K256<>+0xe0(SB)/4, $0x748f82ee
DATA K256<>+0xe4(SB)/4, $0x78a5636f
DATA K256<>+0xe8(SB)/4, $0x84c87814
DATA K256<>+0xec(SB)/4, $0x8cc70208
DATA K256<>+0xf0(SB)/4, $0x90befffa
DATA K256<>+0xf4(SB)/4, $0xa4506ceb
DATA K256<>+0xf8(SB)/4, $0xbef9a3f7
DATA K256<>+0xfc(SB)/4, $0xc67178f2
GLOBL K256<>(SB), RODATA|NOPTR, $256
