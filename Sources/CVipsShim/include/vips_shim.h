// A few plain C functions over libvips for Swift, which cannot call libvips' variadic
// functions (vips_thumbnail_buffer(…, NULL)). Only C types cross this boundary, so Swift never
// sees the GLib headers. Every function returns 0 on success or -1 with a message in `error`.
#ifndef SITEGEN_VIPS_SHIM_H
#define SITEGEN_VIPS_SHIM_H

#include <stddef.h>

/// Starts libvips once per process (thread-safe). The operation cache is off (each photo is
/// processed once) and each image uses one worker thread: the caller runs photos in parallel.
int sg_vips_start(char *error, size_t error_size);

/// The libvips version, e.g. "8.14.1": it enters the cache key, since another version may encode differently.
const char *sg_vips_version(void);

typedef struct {
    /// As displayed: the EXIF orientation applied (width and height swapped for 90° turns).
    int width;
    int height;
    /// The loader that recognised the bytes ("jpegload_buffer", "pngload_buffer", …).
    char loader[48];
} sg_image_header;

/// Reads only the header (no pixels are decoded): the size is checked before anything costly.
int sg_image_probe(const void *data, size_t length, sg_image_header *header, char *error, size_t error_size);

/// A decoded, resized image in memory (opaque): saved once per format, then released.
typedef struct sg_image sg_image;

/// Decodes `data` failing on any damage or truncation, applies the orientation, shrinks it to
/// `width` pixels wide (never enlarges) or, when `height` > 0, to cover width×height cropped to
/// its most interesting part, and converts it to sRGB. `*image` is set on success.
int sg_image_resize(const void *data, size_t length, int width, int height, sg_image **image,
                    char *error, size_t error_size);

/// The same from an image already decoded (sRGB, 8 bits, no metadata): the smaller widths are made
/// from the largest instead of decoding the photo again for each.
int sg_image_resize_image(const sg_image *source, int width, int height, sg_image **image, char *error, size_t error_size);

int sg_image_width(const sg_image *image);
int sg_image_height(const sg_image *image);

enum { SG_FORMAT_JPEG = 0, SG_FORMAT_WEBP = 1 };

/// Encodes with every piece of metadata stripped (EXIF, GPS, XMP, IPTC; the colour is sRGB
/// already). `*bytes` is freed with `sg_free`.
int sg_image_save(const sg_image *image, int format, int quality, void **bytes, size_t *length,
                  char *error, size_t error_size);

void sg_image_release(sg_image *image);

enum { SG_SAMPLE_PNG = 2 };

/// A width×height sRGB picture we draw ourselves (red grows to the right, green downwards), as
/// JPEG, WebP or PNG: for tests, which must not use photos from anywhere else.
int sg_image_gradient(int width, int height, int format, void **bytes, size_t *length, char *error, size_t error_size);
void sg_free(void *bytes);

#endif
