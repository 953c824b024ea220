#include "vips_shim.h"
#include <pthread.h>
#include <string.h>
#include <vips/vips.h>

struct sg_image {
    VipsImage *image;
};

static int start_result = -1;
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

/// The message libvips left for this failure, or `fallback`; the buffer is cleared after.
static int fail(char *error, size_t error_size, const char *fallback) {
    const char *message = vips_error_buffer();
    if (error && error_size > 0) {
        const char *text = message && message[0] ? message : fallback;
        strncpy(error, text, error_size - 1);
        error[error_size - 1] = 0;
        // libvips ends its messages with a newline: one message, one line.
        size_t end = strlen(error);
        while (end > 0 && (error[end - 1] == '\n' || error[end - 1] == ' ')) error[--end] = 0;
    }
    vips_error_clear();
    return -1;
}

/// libvips logs damaged tiles as warnings on stderr; the failure itself reaches the caller as an error.
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static void start(void) {
    if (VIPS_INIT("sitegen") != 0) return;
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, quiet, NULL);
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    start_result = 0;
}

int sg_vips_start(char *error, size_t error_size) {
    pthread_once(&start_once, start);
    return start_result == 0 ? 0 : fail(error, error_size, "libvips could not start");
}

const char *sg_vips_version(void) {
    return vips_version_string();
}

int sg_image_probe(const void *data, size_t length, sg_image_header *header, char *error, size_t error_size) {
    const char *loader = vips_foreign_find_load_buffer(data, length);
    if (!loader) return fail(error, error_size, "not an image format libvips reads");
    // Lazy: opening from a buffer reads the header; pixels are decoded only when asked for.
    VipsImage *image = vips_image_new_from_buffer(data, length, "", NULL);
    if (!image) return fail(error, error_size, "cannot read the image header");
    int width = vips_image_get_width(image), height = vips_image_get_height(image);
    int orientation = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION)) vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation);
    g_object_unref(image);
    int turned = orientation >= 5 && orientation <= 8;
    header->width = turned ? height : width;
    header->height = turned ? width : height;
    strncpy(header->loader, loader, sizeof header->loader - 1);
    header->loader[sizeof header->loader - 1] = 0;
    return 0;
}

static void *collect_name(VipsImage *image, const char *name, GValue *value, void *names) {
    (void)image; (void)value;
    const char *kept[] = {"width", "height", "bands", "format", "coding", "interpretation", "xoffset", "yoffset",
                          "xres", "yres", "filename", "mode", "scale", "offset"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) if (strcmp(name, kept[i]) == 0) return NULL;
    g_ptr_array_add(names, g_strdup(name));
    return NULL;
}

static void strip_metadata(VipsImage *image) {
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    vips_image_map(image, collect_name, names);
    for (guint i = 0; i < names->len; i++) vips_image_remove(image, g_ptr_array_index(names, i));
    g_ptr_array_free(names, TRUE);
}

int sg_image_resize(const void *data, size_t length, int width, int height, sg_image **result,
                    char *error, size_t error_size) {
    VipsImage *thumbnail = NULL;
    // fail_on=error: a truncated or damaged file is an error, not a picture with a grey band.
    // Without a height the box is only as tall as a picture can be, so the width decides.
    int status = height > 0
        ? vips_thumbnail_buffer((void *)data, length, &thumbnail, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION,
                                "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string", "fail_on=error", NULL)
        : vips_thumbnail_buffer((void *)data, length, &thumbnail, width, "height", VIPS_MAX_COORD,
                                "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string", "fail_on=error", NULL);
    if (status != 0) return fail(error, error_size, "cannot decode the image");
    // Images without a profile stay in their own space: make sure the result is 8-bit sRGB.
    VipsImage *srgb = NULL;
    if (vips_colourspace(thumbnail, &srgb, VIPS_INTERPRETATION_sRGB, NULL) != 0) {
        g_object_unref(thumbnail);
        return fail(error, error_size, "cannot convert the image to sRGB");
    }
    g_object_unref(thumbnail);
    VipsImage *flat = srgb;
    if (vips_image_hasalpha(srgb)) {
        // JPEG has no transparency: flatten onto white, as a page background shows it.
        double white[3] = {255, 255, 255};
        VipsArrayDouble *background = vips_array_double_new(white, 3);
        int flattened = vips_flatten(srgb, &flat, "background", background, NULL);
        vips_area_unref(VIPS_AREA(background));
        g_object_unref(srgb);
        if (flattened != 0) return fail(error, error_size, "cannot flatten the image");
    }
    VipsImage *eight = NULL;
    if (vips_cast(flat, &eight, VIPS_FORMAT_UCHAR, NULL) != 0) {
        g_object_unref(flat);
        return fail(error, error_size, "cannot convert the image to 8 bits");
    }
    g_object_unref(flat);
    // Decoded once into memory here (where any damage shows), then saved in each format.
    VipsImage *memory = vips_image_copy_memory(eight);
    g_object_unref(eight);
    if (!memory) return fail(error, error_size, "cannot decode the image");
    // Every piece of metadata goes (the savers' "strip" misses EXIF in some formats): phones write
    // their GPS position there. The orientation was applied by the thumbnail, the colour is sRGB.
    strip_metadata(memory);
    sg_image *image = g_malloc(sizeof *image);
    image->image = memory;
    *result = image;
    return 0;
}

int sg_image_resize_image(const sg_image *source, int width, int height, sg_image **result, char *error, size_t error_size) {
    VipsImage *thumbnail = NULL;
    int status = height > 0
        ? vips_thumbnail_image(source->image, &thumbnail, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION,
                               "size", VIPS_SIZE_DOWN, NULL)
        : vips_thumbnail_image(source->image, &thumbnail, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
    if (status != 0) return fail(error, error_size, "cannot resize the image");
    VipsImage *memory = vips_image_copy_memory(thumbnail);
    g_object_unref(thumbnail);
    if (!memory) return fail(error, error_size, "cannot resize the image");
    strip_metadata(memory);
    sg_image *image = g_malloc(sizeof *image);
    image->image = memory;
    *result = image;
    return 0;
}

int sg_image_width(const sg_image *image) { return vips_image_get_width(image->image); }
int sg_image_height(const sg_image *image) { return vips_image_get_height(image->image); }

int sg_image_save(const sg_image *image, int format, int quality, void **bytes, size_t *length,
                  char *error, size_t error_size) {
    int status = format == SG_FORMAT_WEBP
        ? vips_webpsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, NULL)
        : vips_jpegsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                               "interlace", TRUE, NULL);
    return status == 0 ? 0 : fail(error, error_size, "cannot encode the image");
}

void sg_image_release(sg_image *image) {
    if (!image) return;
    g_object_unref(image->image);
    g_free(image);
}

void sg_free(void *bytes) { g_free(bytes); }

int sg_image_gradient(int width, int height, int format, void **bytes, size_t *length, char *error, size_t error_size) {
    if (sg_vips_start(error, error_size) != 0) return -1;
    VipsImage *base = vips_image_new();
    VipsImage **t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 4);
    double scale[3] = {255.0 / width, 255.0 / height, 1}, offset[3] = {0, 0, 0};
    int status = vips_xyz(&t[0], width, height, NULL)
        || vips_bandjoin_const1(t[0], &t[1], 96, NULL)
        || vips_linear(t[1], &t[2], scale, offset, 3, "uchar", TRUE, NULL)
        || vips_copy(t[2], &t[3], "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    if (!status) {
        status = format == SG_FORMAT_WEBP ? vips_webpsave_buffer(t[3], bytes, length, NULL)
            : format == SG_SAMPLE_PNG ? vips_pngsave_buffer(t[3], bytes, length, NULL)
            : vips_jpegsave_buffer(t[3], bytes, length, "Q", 90, NULL);
    }
    g_object_unref(base);
    return status ? fail(error, error_size, "cannot draw the picture") : 0;
}
