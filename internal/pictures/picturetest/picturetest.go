// Package picturetest makes pictures for tests: photos as a phone writes
// them, with EXIF that holds where they were taken and which way up they
// are, and PNGs with text in them.
package picturetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Where the test photos say they were taken (a place in London), as the
// EXIF GPS tags hold it: degrees, minutes, seconds.
var (
	Latitude  = [3]uint32{51, 30, 26}
	Longitude = [3]uint32{0, 7, 39}
)

// Halves is a w × h picture whose left half is red and right half blue, so
// a test can tell which way up it is.
func Halves(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{R: 220, A: 255}
			if x >= w/2 {
				c = color.RGBA{B: 220, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// JPEG encodes img as a JPEG with no metadata.
func JPEG(img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PNG encodes img as a PNG with no metadata.
func PNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PhoneJPEG is img as a phone's photo: a JPEG with an EXIF segment (APP1)
// holding the orientation and a GPS position (Latitude N, Longitude W).
func PhoneJPEG(img image.Image, orientation uint16) []byte {
	jpg := JPEG(img)
	tiff := exifTIFF(orientation)
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	segment := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(segment[2:], uint16(len(app1)+2))
	segment = append(segment, app1...)
	// Right after the start-of-image marker, where cameras put it.
	out := append([]byte{}, jpg[:2]...)
	out = append(out, segment...)
	return append(out, jpg[2:]...)
}

// exifTIFF is the TIFF block of an EXIF segment, little-endian: the first
// image directory holds the orientation and a pointer to the GPS
// directory, which holds latitude and longitude with their hemispheres.
func exifTIFF(orientation uint16) []byte {
	le := binary.LittleEndian
	var b []byte
	u16 := func(v uint16) { b = le.AppendUint16(b, v) }
	u32 := func(v uint32) { b = le.AppendUint32(b, v) }
	entry := func(tag, typ uint16, count, value uint32) { u16(tag); u16(typ); u32(count); u32(value) }
	const (
		typeASCII, typeShort, typeLong, typeRational = 2, 3, 4, 5
		ifd0, gpsIFD                                 = 8, 8 + 2 + 2*12 + 4
		latAt                                        = gpsIFD + 2 + 4*12 + 4
		longAt                                       = latAt + 24
	)
	b = append(b, "II"...)
	u16(42)
	u32(ifd0)
	u16(2)
	entry(0x0112, typeShort, 1, uint32(orientation)) // Orientation
	entry(0x8825, typeLong, 1, gpsIFD)               // GPSInfo
	u32(0)
	u16(4)
	entry(0x0001, typeASCII, 2, uint32('N')) // GPSLatitudeRef
	entry(0x0002, typeRational, 3, latAt)    // GPSLatitude
	entry(0x0003, typeASCII, 2, uint32('W')) // GPSLongitudeRef
	entry(0x0004, typeRational, 3, longAt)   // GPSLongitude
	u32(0)
	for _, dms := range [][3]uint32{Latitude, Longitude} {
		for _, v := range dms {
			u32(v)
			u32(1)
		}
	}
	return b
}

// HasGPS reports whether data holds the test photos' GPS position: the
// rational numbers of Latitude as the EXIF block writes them.
func HasGPS(data []byte) bool {
	var lat []byte
	for _, v := range Latitude {
		lat = binary.LittleEndian.AppendUint32(lat, v)
		lat = binary.LittleEndian.AppendUint32(lat, 1)
	}
	return bytes.Contains(data, lat)
}

// PNGWithText is img as a PNG with a tEXt chunk holding text, as some
// drawing apps write (a name, a place).
func PNGWithText(img image.Image, text string) []byte {
	p := PNG(img)
	iend := bytes.LastIndex(p, []byte("IEND")) - 4 // the chunk starts at its length
	body := append([]byte("tEXt"), append([]byte("Comment\x00"), text...)...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	out := append([]byte{}, p[:iend]...)
	out = append(out, chunk...)
	return append(out, p[iend:]...)
}
