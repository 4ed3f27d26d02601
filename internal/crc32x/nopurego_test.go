//go:build !purego

package crc32x_test

const purego = false
