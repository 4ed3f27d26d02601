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

// Four messages. Eight XMM registers hold the four states, so the message
// schedules cannot stay in registers as in block and block2. Instead each
// message's schedule W[0..63] is computed into an aligned stack area one
// block ahead: while the rounds of block n run, reading W from one buffer
// and adding K themselves, the schedule of block n+1 is computed into the
// other buffer, its instructions interleaved with the rounds (one schedule
// unit after each four rounds) so that the schedule work (SHA256MSG1,
// SHA256MSG2, PALIGNR, PADDD, loads and stores) overlaps the latency-bound
// SHA256RNDS2 chains.
//
// Stack area (16-byte aligned, base DI):
//   Wa   0(DI)..1023     W[0..63] of a block, message s at s*256, quad q
//                        (W[4q..4q+3]) at s*256+16q; R8 points at the buffer
//   Wb   1024(DI)..2047  the rounds read, BX at the one the schedule writes
//   FF   2048(DI)..2175  the four states at the start of the block
//
// Measured on Zen 3 (AMD EPYC, 256 KiB messages): the rounds alone would run
// at about 5.1 GB/s (6.2 with MOVQ loads of a precomputed W+K), the
// schedule alone at about 5.1 GB/s, the two interleaved at about 3.85 GB/s.
// The kernel is bound by the FP pipes, not by latency: SHA256MSG2 holds its
// unit for 2 cycles and SHA256MSG1 and PALIGNR compete with it and with
// SHA256RNDS2, so that one schedule step (MSG1, PALIGNR, PADDD, MSG2) next
// to one SHA256RNDS2 costs about 2.7 cycles. Variants that measured slower
// or no faster: storing W+K from the schedule so that the rounds need only
// MOVQ loads (for all four streams or some), K kept in a register per
// group, the schedule units placed before, after or spread across the
// rounds, the MSG1 half of a step issued one step early, SHA256MSG2 reading
// the previous quad from memory.
//
// The schedule of quad q >= 4 of a message keeps only W[4q-4..4q-1] (xp) in
// a register and reads the older quads from W as aligned memory operands;
// the new quad goes to xa. The chain from one quad to the next (PALIGNR,
// PADDD, SHA256MSG2) is about 5 cycles long, so the four messages' chains
// are interleaved step by step (k = 0..47: message k%4, quad 4+k/4) and
// rotate through X9..X13: step k reads xp = X(9+k%5) and writes
// xa = X(9+(k+4)%5), the register the message of step k-1 just left.

// LDQ loads quad q of message s's block at p into xr, byte-swapped, and
// stores it in the W buffer being written.
#define LDQ(s, q, p, xr) \
	MOVOU (q*16)(p), xr; \
	PSHUFB X14, xr; \
	MOVOU xr, (s*256+q*16)(BX)

// STEP computes quad q >= 4 of message s into xa from the W buffer being
// written and xp (quad q-1), and stores it there.
// W[t] = W[t-16] + s0(W[t-15]) + W[t-7] + s1(W[t-2]) (FIPS 180-4, 6.2.2).
#define STEP(s, q, xp, xa) \
	MOVOU (s*256+q*16-64)(BX), xa; \
	SHA256MSG1 (s*256+q*16-48)(BX), xa; \
	MOVO xp, X0; \
	PALIGNR $4, (s*256+q*16-32)(BX), X0; \
	PADDD X0, xa; \
	SHA256MSG2 xp, xa; \
	MOVOU xa, (s*256+q*16)(BX)

// RG runs the four rounds of group g of stream s with W from the buffer at
// R8 plus K.
#define RG(s, g, abef, cdgh) \
	MOVOU (g*16)(AX), X0; \
	PADDD (s*256+g*16)(R8), X0; \
	SHA256RNDS2 X0, abef, cdgh; \
	PSHUFD $0x0E, X0, X0; \
	SHA256RNDS2 X0, cdgh, abef

#define RG4(g) \
	RG(0, g, X1, X2); \
	RG(1, g, X3, X4); \
	RG(2, g, X5, X6); \
	RG(3, g, X7, X8)

// SAVEFF saves the four states in FF; ADDFF adds them back (feed-forward).
#define SAVEFF \
	MOVOU X1, 2048(DI); \
	MOVOU X2, 2064(DI); \
	MOVOU X3, 2080(DI); \
	MOVOU X4, 2096(DI); \
	MOVOU X5, 2112(DI); \
	MOVOU X6, 2128(DI); \
	MOVOU X7, 2144(DI); \
	MOVOU X8, 2160(DI)

#define ADDFF \
	PADDD 2048(DI), X1; \
	PADDD 2064(DI), X2; \
	PADDD 2080(DI), X3; \
	PADDD 2096(DI), X4; \
	PADDD 2112(DI), X5; \
	PADDD 2128(DI), X6; \
	PADDD 2144(DI), X7; \
	PADDD 2160(DI), X8

// NEXT advances the four message pointers by one block and swaps the W
// buffers.
#define NEXT \
	ADDQ $64, SI; \
	ADDQ $64, R9; \
	ADDQ $64, R10; \
	ADDQ $64, R11; \
	XCHGQ R8, BX

// func block4(ha, hb, hc, hd *[8]uint32, pa, pb, pc, pd []byte)
// Hashes the len(pa)/64 whole blocks of pa into ha and as many blocks from
// the starts of pb, pc and pd into hb, hc and hd, interleaved; pb, pc and pd
// must be at least as long as pa.
// Registers: AX K table, SI/R9/R10/R11 the next block to schedule of each
// message, CX blocks left, DI the aligned stack area, R8/BX the W buffers,
// X1..X8 the four states, X9..X13 the schedule chains, X14 byte-swap mask,
// X15 and X0 temporaries.
TEXT ·block4(SB), 0, $2192-128
	MOVQ pa_base+32(FP), SI
	MOVQ pa_len+40(FP), CX
	MOVQ pb_base+56(FP), R9
	MOVQ pc_base+80(FP), R10
	MOVQ pd_base+104(FP), R11
	SHRQ $6, CX
	JZ   done4
	LEAQ 15(SP), DI
	ANDQ $-16, DI
	MOVQ DI, BX
	LEAQ 1024(DI), R8
	LEAQ K256<>(SB), AX
	MOVOU bswapMask<>(SB), X14
	MOVQ ha+0(FP), DX
	LOADSTATE(DX, X1, X2, X0)
	MOVQ hb+8(FP), DX
	LOADSTATE(DX, X3, X4, X0)
	MOVQ hc+16(FP), DX
	LOADSTATE(DX, X5, X6, X0)
	MOVQ hd+24(FP), DX
	LOADSTATE(DX, X7, X8, X0)

	// Schedule block 0.
	LDQ(0, 0, SI, X15)
	LDQ(0, 1, SI, X15)
	LDQ(0, 2, SI, X15)
	LDQ(0, 3, SI, X9)
	LDQ(1, 0, R9, X15)
	LDQ(1, 1, R9, X15)
	LDQ(1, 2, R9, X15)
	LDQ(1, 3, R9, X10)
	LDQ(2, 0, R10, X15)
	LDQ(2, 1, R10, X15)
	LDQ(2, 2, R10, X15)
	LDQ(2, 3, R10, X11)
	LDQ(3, 0, R11, X15)
	LDQ(3, 1, R11, X15)
	LDQ(3, 2, R11, X15)
	LDQ(3, 3, R11, X12)
	STEP(0, 4, X9, X13)
	STEP(1, 4, X10, X9)
	STEP(2, 4, X11, X10)
	STEP(3, 4, X12, X11)
	STEP(0, 5, X13, X12)
	STEP(1, 5, X9, X13)
	STEP(2, 5, X10, X9)
	STEP(3, 5, X11, X10)
	STEP(0, 6, X12, X11)
	STEP(1, 6, X13, X12)
	STEP(2, 6, X9, X13)
	STEP(3, 6, X10, X9)
	STEP(0, 7, X11, X10)
	STEP(1, 7, X12, X11)
	STEP(2, 7, X13, X12)
	STEP(3, 7, X9, X13)
	STEP(0, 8, X10, X9)
	STEP(1, 8, X11, X10)
	STEP(2, 8, X12, X11)
	STEP(3, 8, X13, X12)
	STEP(0, 9, X9, X13)
	STEP(1, 9, X10, X9)
	STEP(2, 9, X11, X10)
	STEP(3, 9, X12, X11)
	STEP(0, 10, X13, X12)
	STEP(1, 10, X9, X13)
	STEP(2, 10, X10, X9)
	STEP(3, 10, X11, X10)
	STEP(0, 11, X12, X11)
	STEP(1, 11, X13, X12)
	STEP(2, 11, X9, X13)
	STEP(3, 11, X10, X9)
	STEP(0, 12, X11, X10)
	STEP(1, 12, X12, X11)
	STEP(2, 12, X13, X12)
	STEP(3, 12, X9, X13)
	STEP(0, 13, X10, X9)
	STEP(1, 13, X11, X10)
	STEP(2, 13, X12, X11)
	STEP(3, 13, X13, X12)
	STEP(0, 14, X9, X13)
	STEP(1, 14, X10, X9)
	STEP(2, 14, X11, X10)
	STEP(3, 14, X12, X11)
	STEP(0, 15, X13, X12)
	STEP(1, 15, X9, X13)
	STEP(2, 15, X10, X9)
	STEP(3, 15, X11, X10)
	NEXT
	DECQ CX
	JZ   last4

loop4:
	// Rounds of this block, schedule of the next.
	SAVEFF
	RG(0, 0, X1, X2)
	LDQ(0, 0, SI, X15)
	RG(1, 0, X3, X4)
	LDQ(0, 1, SI, X15)
	RG(2, 0, X5, X6)
	LDQ(0, 2, SI, X15)
	RG(3, 0, X7, X8)
	LDQ(0, 3, SI, X9)
	RG(0, 1, X1, X2)
	LDQ(1, 0, R9, X15)
	RG(1, 1, X3, X4)
	LDQ(1, 1, R9, X15)
	RG(2, 1, X5, X6)
	LDQ(1, 2, R9, X15)
	RG(3, 1, X7, X8)
	LDQ(1, 3, R9, X10)
	RG(0, 2, X1, X2)
	LDQ(2, 0, R10, X15)
	RG(1, 2, X3, X4)
	LDQ(2, 1, R10, X15)
	RG(2, 2, X5, X6)
	LDQ(2, 2, R10, X15)
	RG(3, 2, X7, X8)
	LDQ(2, 3, R10, X11)
	RG(0, 3, X1, X2)
	LDQ(3, 0, R11, X15)
	RG(1, 3, X3, X4)
	LDQ(3, 1, R11, X15)
	RG(2, 3, X5, X6)
	LDQ(3, 2, R11, X15)
	RG(3, 3, X7, X8)
	LDQ(3, 3, R11, X12)
	RG(0, 4, X1, X2)
	STEP(0, 4, X9, X13)
	RG(1, 4, X3, X4)
	STEP(1, 4, X10, X9)
	RG(2, 4, X5, X6)
	STEP(2, 4, X11, X10)
	RG(3, 4, X7, X8)
	STEP(3, 4, X12, X11)
	RG(0, 5, X1, X2)
	STEP(0, 5, X13, X12)
	RG(1, 5, X3, X4)
	STEP(1, 5, X9, X13)
	RG(2, 5, X5, X6)
	STEP(2, 5, X10, X9)
	RG(3, 5, X7, X8)
	STEP(3, 5, X11, X10)
	RG(0, 6, X1, X2)
	STEP(0, 6, X12, X11)
	RG(1, 6, X3, X4)
	STEP(1, 6, X13, X12)
	RG(2, 6, X5, X6)
	STEP(2, 6, X9, X13)
	RG(3, 6, X7, X8)
	STEP(3, 6, X10, X9)
	RG(0, 7, X1, X2)
	STEP(0, 7, X11, X10)
	RG(1, 7, X3, X4)
	STEP(1, 7, X12, X11)
	RG(2, 7, X5, X6)
	STEP(2, 7, X13, X12)
	RG(3, 7, X7, X8)
	STEP(3, 7, X9, X13)
	RG(0, 8, X1, X2)
	STEP(0, 8, X10, X9)
	RG(1, 8, X3, X4)
	STEP(1, 8, X11, X10)
	RG(2, 8, X5, X6)
	STEP(2, 8, X12, X11)
	RG(3, 8, X7, X8)
	STEP(3, 8, X13, X12)
	RG(0, 9, X1, X2)
	STEP(0, 9, X9, X13)
	RG(1, 9, X3, X4)
	STEP(1, 9, X10, X9)
	RG(2, 9, X5, X6)
	STEP(2, 9, X11, X10)
	RG(3, 9, X7, X8)
	STEP(3, 9, X12, X11)
	RG(0, 10, X1, X2)
	STEP(0, 10, X13, X12)
	RG(1, 10, X3, X4)
	STEP(1, 10, X9, X13)
	RG(2, 10, X5, X6)
	STEP(2, 10, X10, X9)
	RG(3, 10, X7, X8)
	STEP(3, 10, X11, X10)
	RG(0, 11, X1, X2)
	STEP(0, 11, X12, X11)
	RG(1, 11, X3, X4)
	STEP(1, 11, X13, X12)
	RG(2, 11, X5, X6)
	STEP(2, 11, X9, X13)
	RG(3, 11, X7, X8)
	STEP(3, 11, X10, X9)
	RG(0, 12, X1, X2)
	STEP(0, 12, X11, X10)
	RG(1, 12, X3, X4)
	STEP(1, 12, X12, X11)
	RG(2, 12, X5, X6)
	STEP(2, 12, X13, X12)
	RG(3, 12, X7, X8)
	STEP(3, 12, X9, X13)
	RG(0, 13, X1, X2)
	STEP(0, 13, X10, X9)
	RG(1, 13, X3, X4)
	STEP(1, 13, X11, X10)
	RG(2, 13, X5, X6)
	STEP(2, 13, X12, X11)
	RG(3, 13, X7, X8)
	STEP(3, 13, X13, X12)
	RG(0, 14, X1, X2)
	STEP(0, 14, X9, X13)
	RG(1, 14, X3, X4)
	STEP(1, 14, X10, X9)
	RG(2, 14, X5, X6)
	STEP(2, 14, X11, X10)
	RG(3, 14, X7, X8)
	STEP(3, 14, X12, X11)
	RG(0, 15, X1, X2)
	STEP(0, 15, X13, X12)
	RG(1, 15, X3, X4)
	STEP(1, 15, X9, X13)
	RG(2, 15, X5, X6)
	STEP(2, 15, X10, X9)
	RG(3, 15, X7, X8)
	STEP(3, 15, X11, X10)
	ADDFF
	NEXT
	DECQ CX
	JNZ  loop4

last4:
	SAVEFF
	RG4(0)
	RG4(1)
	RG4(2)
	RG4(3)
	RG4(4)
	RG4(5)
	RG4(6)
	RG4(7)
	RG4(8)
	RG4(9)
	RG4(10)
	RG4(11)
	RG4(12)
	RG4(13)
	RG4(14)
	RG4(15)
	ADDFF
	MOVQ ha+0(FP), DX
	STORESTATE(DX, X1, X2, X0)
	MOVQ hb+8(FP), DX
	STORESTATE(DX, X3, X4, X0)
	MOVQ hc+16(FP), DX
	STORESTATE(DX, X5, X6, X0)
	MOVQ hd+24(FP), DX
	STORESTATE(DX, X7, X8, X0)

done4:
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
