package pictures_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"kite/internal/pictures"
	"kite/internal/pictures/picturetest"
)

func refused(t *testing.T, what string, data []byte) {
	t.Helper()
	_, err := pictures.Clean(data)
	var pe *pictures.Error
	if !errors.As(err, &pe) || pe.Message == "" {
		t.Errorf("%s: got %v, want a refusal in words", what, err)
	}
}

// TestPhoneJPEGLosesItsGPS: a photo with its place in EXIF comes back with
// no EXIF at all, the right way up.
func TestPhoneJPEGLosesItsGPS(t *testing.T) {
	in := picturetest.PhoneJPEG(picturetest.Halves(64, 32), 1)
	if !picturetest.HasGPS(in) || !bytes.Contains(in, []byte("Exif")) {
		t.Fatal("the test photo has no GPS, so this test proves nothing")
	}
	if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
		t.Fatalf("the test photo is not a JPEG: %v", err)
	}
	p, err := pictures.Clean(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.ContentType != pictures.JPEG || p.Width != 64 || p.Height != 32 {
		t.Errorf("got %s %d×%d", p.ContentType, p.Width, p.Height)
	}
	if picturetest.HasGPS(p.Data) || bytes.Contains(p.Data, []byte("Exif")) || bytes.Contains(p.Data, []byte{0xFF, 0xE1}) {
		t.Error("the copy still has EXIF")
	}
	if _, err := jpeg.Decode(bytes.NewReader(p.Data)); err != nil {
		t.Errorf("the copy is not a JPEG: %v", err)
	}
}

// TestOrientationIsApplied: a photo stored sideways (EXIF orientation 6,
// "turn a quarter clockwise") is kept the right way up: the red left half
// of what is stored is at the top.
func TestOrientationIsApplied(t *testing.T) {
	cases := []struct {
		orientation   uint16
		w, h          int
		redAt, blueAt image.Point
	}{
		{1, 64, 32, image.Pt(8, 16), image.Pt(56, 16)},
		{3, 64, 32, image.Pt(56, 16), image.Pt(8, 16)},
		{6, 32, 64, image.Pt(16, 8), image.Pt(16, 56)},
		{8, 32, 64, image.Pt(16, 56), image.Pt(16, 8)},
	}
	for _, c := range cases {
		p, err := pictures.Clean(picturetest.PhoneJPEG(picturetest.Halves(64, 32), c.orientation))
		if err != nil {
			t.Fatal(err)
		}
		img, _ := jpeg.Decode(bytes.NewReader(p.Data))
		if p.Width != c.w || p.Height != c.h || img.Bounds().Dx() != c.w {
			t.Errorf("orientation %d: %d×%d, want %d×%d", c.orientation, p.Width, p.Height, c.w, c.h)
			continue
		}
		if !reddish(img.At(c.redAt.X, c.redAt.Y)) || reddish(img.At(c.blueAt.X, c.blueAt.Y)) {
			t.Errorf("orientation %d: not the right way up", c.orientation)
		}
	}
}

func reddish(c color.Color) bool {
	r, _, b, _ := c.RGBA()
	return r > b
}

// TestPNGLosesItsText: text chunks are not kept.
func TestPNGLosesItsText(t *testing.T) {
	in := picturetest.PNGWithText(picturetest.Halves(20, 10), "Drawn at 12 Acacia Avenue")
	if _, err := png.Decode(bytes.NewReader(in)); err != nil || !bytes.Contains(in, []byte("Acacia")) {
		t.Fatalf("the test PNG is broken: %v", err)
	}
	p, err := pictures.Clean(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.ContentType != pictures.PNG || bytes.Contains(p.Data, []byte("Acacia")) || bytes.Contains(p.Data, []byte("tEXt")) {
		t.Errorf("the copy kept the text or changed type: %s", p.ContentType)
	}
}

// TestOnlyPicturesByContent: what a file is comes from its bytes, never its
// name, and only PNG and JPEG are kept.
func TestOnlyPicturesByContent(t *testing.T) {
	var g bytes.Buffer
	_ = gif.Encode(&g, picturetest.Halves(8, 8), nil)
	jpg := picturetest.JPEG(picturetest.Halves(16, 16))
	refused(t, "text", []byte("this is not a picture, whatever its name says"))
	refused(t, "empty", nil)
	refused(t, "GIF", g.Bytes())
	refused(t, "HTML", []byte("<html><script>alert(1)</script></html>"))
	refused(t, "a JPEG cut short", jpg[:len(jpg)/2])
	refused(t, "a PNG's signature and nothing else", []byte("\x89PNG\r\n\x1a\n"))
	refused(t, "too big", append(append([]byte{}, jpg...), make([]byte, pictures.MaxBytes)...))
	refused(t, "too wide", picturetest.PNG(image.NewGray(image.Rect(0, 0, pictures.MaxSide+1, 1))))
	refused(t, "too many pixels", picturetest.PNG(image.NewGray(image.Rect(0, 0, 5001, 5000))))
}

func TestSniff(t *testing.T) {
	if pictures.Sniff(picturetest.PNG(picturetest.Halves(2, 2))) != pictures.PNG ||
		pictures.Sniff(picturetest.JPEG(picturetest.Halves(2, 2))) != pictures.JPEG ||
		pictures.Sniff([]byte("GIF89a")) != "" {
		t.Error("sniffing is wrong")
	}
}

// FuzzClean: whatever comes in, Clean never panics, and what it keeps is a
// PNG or JPEG of the kind it says, with no EXIF.
func FuzzClean(f *testing.F) {
	f.Add(picturetest.PhoneJPEG(picturetest.Halves(8, 8), 6))
	f.Add(picturetest.PNGWithText(picturetest.Halves(4, 4), "x"))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x10Exif\x00\x00MM\x00\x2A"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := pictures.Clean(data)
		if err != nil {
			return
		}
		if pictures.Sniff(p.Data) != p.ContentType || bytes.Contains(p.Data, []byte("Exif\x00\x00")) {
			t.Errorf("kept %s that is not clean", p.ContentType)
		}
	})
}
