// Package pictures checks a picture a child sends (a drawing, a photo) and
// makes the copy Kite keeps: only PNG and JPEG, recognised by their content
// (never by the file's name or the type the client claims), no bigger than
// MaxBytes and MaxPixels, decoded and encoded again with the standard
// library so that nothing but the pixels is kept. A phone's photo can carry
// where it was taken (EXIF GPS), which could show where a child lives; the
// copy has no EXIF, no comments, no text chunks, no colour profiles.
//
// A photo's EXIF orientation is applied to the pixels before it is
// dropped, so a photo taken sideways is kept the right way up.
package pictures

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
)

// Limits of one picture.
const (
	// MaxBytes is the largest picture accepted, as sent: 5 MB.
	MaxBytes = 5 << 20
	// MaxPixels bounds a picture's width × height, so that a small file
	// cannot unpack into a huge image (25 million pixels: a 6000 × 4000
	// camera photo).
	MaxPixels = 25_000_000
	// MaxSide bounds a picture's width and height each.
	MaxSide = 12_000
	// MaxPerSubmission is how many pictures one submission may carry.
	MaxPerSubmission = 3
)

// The content types Kite keeps.
const (
	PNG  = "image/png"
	JPEG = "image/jpeg"
)

// jpegQuality is the quality of the copy of a JPEG: high enough that a
// drawing's lines stay sharp.
const jpegQuality = 90

// decoding lets one picture at a time be decoded and encoded again, so
// that a burst of uploads holds at most one picture's pixels in memory (up
// to MaxPixels × 8 bytes, 200 MB, for a 16-bit PNG) and leaves the other
// core to everything else.
var decoding = make(chan struct{}, 1)

// Picture is the copy Kite keeps.
type Picture struct {
	// ContentType is PNG or JPEG.
	ContentType string
	// Data is the encoded picture, with no metadata.
	Data []byte
	// Width and Height are in pixels, the right way up.
	Width, Height int
}

// Error says why a picture was refused, in words fit to show a child.
type Error struct{ Message string }

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// The reasons a picture is refused.
var (
	errNotAPicture = &Error{"This file is not a picture we can use. Please choose a PNG or JPEG picture, like a photo or a drawing."}
	errTooBig      = &Error{"This picture is too big. Please choose one under 5 MB."}
	errTooLarge    = &Error{"This picture is too large to use. Please choose a smaller one."}
	errBroken      = &Error{"We could not open this picture. It may be damaged. Please try another one."}
)

// Sniff names the format of data from its first bytes: PNG, JPEG, or "".
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	}
	return ""
}

// Clean checks a picture and returns the copy to keep, in the format it
// came in. A refusal is an *Error.
func Clean(data []byte) (*Picture, error) {
	if len(data) > MaxBytes {
		return nil, errTooBig
	}
	kind := Sniff(data)
	if kind == "" {
		return nil, errNotAPicture
	}
	decodeConfig, decode := png.DecodeConfig, png.Decode
	if kind == JPEG {
		decodeConfig, decode = jpeg.DecodeConfig, jpeg.Decode
	}
	// The size first, from the header alone: decoding is what costs.
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errBroken
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide ||
		cfg.Width*cfg.Height > MaxPixels {
		return nil, errTooLarge
	}
	decoding <- struct{}{}
	defer func() { <-decoding }()
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, errBroken
	}
	if kind == JPEG {
		img = orient(img, exifOrientation(data))
	}
	var out bytes.Buffer
	if kind == JPEG {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img)
	}
	if err != nil {
		return nil, fmt.Errorf("pictures: encode: %w", err)
	}
	b := img.Bounds()
	return &Picture{ContentType: kind, Data: out.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}
