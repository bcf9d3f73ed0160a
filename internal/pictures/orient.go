package pictures

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
)

// exifOrientation reads the orientation a camera wrote into a JPEG's EXIF
// (tag 0x0112 of the first image directory): 1 (as stored) to 8. Anything
// missing or malformed is 1: the picture is kept as it is stored.
func exifOrientation(jpg []byte) int {
	tiff := exifBlock(jpg)
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(tiff[4:8]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	n := int(order.Uint16(tiff[ifd:]))
	for i := 0; i < n; i++ {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			return 1
		}
		const orientationTag, typeShort = 0x0112, 3
		if order.Uint16(tiff[e:]) == orientationTag && order.Uint16(tiff[e+2:]) == typeShort {
			if o := int(order.Uint16(tiff[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// exifBlock finds the TIFF data of a JPEG's EXIF segment (APP1 starting
// "Exif\0\0"), or nil. It walks the segments before the image data.
func exifBlock(jpg []byte) []byte {
	i := 2 // after SOI
	for i+4 <= len(jpg) {
		if jpg[i] != 0xFF {
			return nil
		}
		marker := jpg[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i++ // markers without a length (and fill bytes)
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return nil
		}
		length := int(binary.BigEndian.Uint16(jpg[i+2:]))
		if length < 2 || i+2+length > len(jpg) {
			return nil
		}
		body := jpg[i+4 : i+2+length]
		if marker == 0xE1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")) {
			return body[6:]
		}
		i += 2 + length
	}
	return nil
}

// orient turns img the right way up for an EXIF orientation (2–8: mirrored
// and/or turned); 1 returns img as it is.
func orient(img image.Image, orientation int) image.Image {
	if orientation < 2 || orientation > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if orientation >= 5 { // turned a quarter: width and height swap
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			sx, sy := sourceOf(orientation, x, y, w, h)
			copy(dst.Pix[dst.PixOffset(x, y):][:4], src.Pix[src.PixOffset(sx, sy):][:4])
		}
	}
	return dst
}

// sourceOf is the pixel of the stored w × h picture shown at (x, y) once
// it is the right way up.
func sourceOf(orientation, x, y, w, h int) (int, int) {
	switch orientation {
	case 2: // mirrored left to right
		return w - 1 - x, y
	case 3: // upside down
		return w - 1 - x, h - 1 - y
	case 4: // mirrored top to bottom
		return x, h - 1 - y
	case 5: // mirrored across the top-left diagonal
		return y, x
	case 6: // needs a quarter turn clockwise
		return y, h - 1 - x
	case 7: // mirrored across the other diagonal
		return w - 1 - y, h - 1 - x
	case 8: // needs a quarter turn anticlockwise
		return w - 1 - y, x
	}
	return x, y
}
