#include "vips_shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <vips/vips.h>

// libvips is opened when the first photo needs it, not linked: it brings about 95 shared
// libraries, and resolving their symbols at every start of sitegen took most of the 60 ms a
// command such as a build with nothing to do took. The headers give every function's type.
#define SG_VIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version) X(vips_version_string) X(vips_error_buffer) X(vips_error_clear) \
    X(vips_cache_set_max) X(vips_concurrency_set) X(vips_foreign_find_load_buffer) \
    X(vips_image_new_from_buffer) X(vips_image_new) X(vips_image_get_width) X(vips_image_get_height) \
    X(vips_image_get_typeof) X(vips_image_get_int) X(vips_image_map) X(vips_image_remove) \
    X(vips_image_hasalpha) X(vips_image_copy_memory) X(vips_object_local_array) X(vips_thumbnail_buffer) \
    X(vips_thumbnail_image) X(vips_colourspace) X(vips_array_double_new) X(vips_area_unref) X(vips_flatten) \
    X(vips_cast) X(vips_webpsave_buffer) X(vips_jpegsave_buffer) X(vips_pngsave_buffer) X(vips_xyz) \
    X(vips_bandjoin_const1) X(vips_linear) X(vips_copy) \
    X(g_log_set_handler) X(g_object_unref) X(g_malloc) X(g_free) X(g_strdup) X(g_ptr_array_new_with_free_func) \
    X(g_ptr_array_add) X(g_ptr_array_free)

static struct {
#define SG_POINTER(name) __typeof__(name) *name;
    SG_VIPS_FUNCTIONS(SG_POINTER)
#undef SG_POINTER
} vips;

// The library's file name, from the ABI version of the headers we were built with (libvips.so.42).
static void library_file(char *name, size_t size) {
#ifdef __APPLE__
    snprintf(name, size, "libvips.%d.dylib", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
#else
    snprintf(name, size, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
#endif
}

static char open_error[512];
static int open_result = -1;
static pthread_once_t open_once = PTHREAD_ONCE_INIT;

static void open_library(void) {
    char file[64];
    library_file(file, sizeof file);
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(open_error, sizeof open_error, "libvips could not be loaded: %s", reason ? reason : file);
        return;
    }
    // dlsym on the library's handle also finds GLib's functions, which it depends on.
#define SG_LOOKUP(name) \
    if (!(vips.name = (__typeof__(name) *)dlsym(library, #name))) { \
        snprintf(open_error, sizeof open_error, "libvips (%s) has no function %s", file, #name); \
        return; \
    }
    SG_VIPS_FUNCTIONS(SG_LOOKUP)
#undef SG_LOOKUP
    open_result = 0;
}

/// 0 once libvips is open, else -1 with the reason in `error`.
static int opened(char *error, size_t error_size) {
    pthread_once(&open_once, open_library);
    if (open_result == 0) return 0;
    if (error && error_size > 0) {
        strncpy(error, open_error, error_size - 1);
        error[error_size - 1] = 0;
    }
    return -1;
}

struct sg_image {
    VipsImage *image;
};

static int start_result = -1;
static const char *start_failure = "libvips could not start";
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

/// The message libvips left for this failure, or `fallback`; the buffer is cleared after.
static int fail(char *error, size_t error_size, const char *fallback) {
    const char *message = vips.vips_error_buffer();
    if (error && error_size > 0) {
        const char *text = message && message[0] ? message : fallback;
        strncpy(error, text, error_size - 1);
        error[error_size - 1] = 0;
        // libvips ends its messages with a newline: one message, one line.
        size_t end = strlen(error);
        while (end > 0 && (error[end - 1] == '\n' || error[end - 1] == ' ')) error[--end] = 0;
    }
    vips.vips_error_clear();
    return -1;
}

/// libvips logs damaged tiles as warnings on stderr; the failure itself reaches the caller as an error.
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static void start(void) {
    // VIPS_INIT's check, through the opened library: the headers we were built with and the
    // library we run with must agree on the ABI.
    if (vips.vips_version(3) - vips.vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        start_failure = "libvips could not start: its ABI differs from the one sitegen was built with";
        return;
    }
    if (vips.vips_init("sitegen") != 0) return;
    vips.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, quiet, NULL);
    vips.vips_cache_set_max(0);
    vips.vips_concurrency_set(1);
    start_result = 0;
}

int sg_vips_start(char *error, size_t error_size) {
    if (opened(error, error_size) != 0) return -1;
    pthread_once(&start_once, start);
    return start_result == 0 ? 0 : fail(error, error_size, start_failure);
}

const char *sg_vips_version(void) {
    return opened(NULL, 0) == 0 ? vips.vips_version_string() : "unavailable";
}

int sg_image_probe(const void *data, size_t length, sg_image_header *header, char *error, size_t error_size) {
    const char *loader = vips.vips_foreign_find_load_buffer(data, length);
    if (!loader) return fail(error, error_size, "not an image format libvips reads");
    // Lazy: opening from a buffer reads the header; pixels are decoded only when asked for.
    VipsImage *image = vips.vips_image_new_from_buffer(data, length, "", NULL);
    if (!image) return fail(error, error_size, "cannot read the image header");
    int width = vips.vips_image_get_width(image), height = vips.vips_image_get_height(image);
    int orientation = 1;
    if (vips.vips_image_get_typeof(image, VIPS_META_ORIENTATION)) vips.vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation);
    vips.g_object_unref(image);
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
    vips.g_ptr_array_add(names, vips.g_strdup(name));
    return NULL;
}

static void strip_metadata(VipsImage *image) {
    GPtrArray *names = vips.g_ptr_array_new_with_free_func(vips.g_free);
    vips.vips_image_map(image, collect_name, names);
    for (guint i = 0; i < names->len; i++) vips.vips_image_remove(image, g_ptr_array_index(names, i));
    vips.g_ptr_array_free(names, TRUE);
}

int sg_image_resize(const void *data, size_t length, int width, int height, sg_image **result,
                    char *error, size_t error_size) {
    VipsImage *thumbnail = NULL;
    // fail_on=error: a truncated or damaged file is an error, not a picture with a grey band.
    // Without a height the box is only as tall as a picture can be, so the width decides.
    int status = height > 0
        ? vips.vips_thumbnail_buffer((void *)data, length, &thumbnail, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION,
                                "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string", "fail_on=error", NULL)
        : vips.vips_thumbnail_buffer((void *)data, length, &thumbnail, width, "height", VIPS_MAX_COORD,
                                "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string", "fail_on=error", NULL);
    if (status != 0) return fail(error, error_size, "cannot decode the image");
    // Images without a profile stay in their own space: make sure the result is 8-bit sRGB.
    VipsImage *srgb = NULL;
    if (vips.vips_colourspace(thumbnail, &srgb, VIPS_INTERPRETATION_sRGB, NULL) != 0) {
        vips.g_object_unref(thumbnail);
        return fail(error, error_size, "cannot convert the image to sRGB");
    }
    vips.g_object_unref(thumbnail);
    VipsImage *flat = srgb;
    if (vips.vips_image_hasalpha(srgb)) {
        // JPEG has no transparency: flatten onto white, as a page background shows it.
        double white[3] = {255, 255, 255};
        VipsArrayDouble *background = vips.vips_array_double_new(white, 3);
        int flattened = vips.vips_flatten(srgb, &flat, "background", background, NULL);
        vips.vips_area_unref((VipsArea *)background);
        vips.g_object_unref(srgb);
        if (flattened != 0) return fail(error, error_size, "cannot flatten the image");
    }
    VipsImage *eight = NULL;
    if (vips.vips_cast(flat, &eight, VIPS_FORMAT_UCHAR, NULL) != 0) {
        vips.g_object_unref(flat);
        return fail(error, error_size, "cannot convert the image to 8 bits");
    }
    vips.g_object_unref(flat);
    // Decoded once into memory here (where any damage shows), then saved in each format.
    VipsImage *memory = vips.vips_image_copy_memory(eight);
    vips.g_object_unref(eight);
    if (!memory) return fail(error, error_size, "cannot decode the image");
    // Every piece of metadata goes (the savers' "strip" misses EXIF in some formats): phones write
    // their GPS position there. The orientation was applied by the thumbnail, the colour is sRGB.
    strip_metadata(memory);
    sg_image *image = vips.g_malloc(sizeof *image);
    image->image = memory;
    *result = image;
    return 0;
}

int sg_image_resize_image(const sg_image *source, int width, int height, sg_image **result, char *error, size_t error_size) {
    VipsImage *thumbnail = NULL;
    int status = height > 0
        ? vips.vips_thumbnail_image(source->image, &thumbnail, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION,
                               "size", VIPS_SIZE_DOWN, NULL)
        : vips.vips_thumbnail_image(source->image, &thumbnail, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
    if (status != 0) return fail(error, error_size, "cannot resize the image");
    VipsImage *memory = vips.vips_image_copy_memory(thumbnail);
    vips.g_object_unref(thumbnail);
    if (!memory) return fail(error, error_size, "cannot resize the image");
    strip_metadata(memory);
    sg_image *image = vips.g_malloc(sizeof *image);
    image->image = memory;
    *result = image;
    return 0;
}

int sg_image_width(const sg_image *image) { return vips.vips_image_get_width(image->image); }
int sg_image_height(const sg_image *image) { return vips.vips_image_get_height(image->image); }

int sg_image_save(const sg_image *image, int format, int quality, void **bytes, size_t *length,
                  char *error, size_t error_size) {
    int status = format == SG_FORMAT_WEBP
        ? vips.vips_webpsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, NULL)
        : vips.vips_jpegsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                               "interlace", TRUE, NULL);
    return status == 0 ? 0 : fail(error, error_size, "cannot encode the image");
}

void sg_image_release(sg_image *image) {
    if (!image) return;
    vips.g_object_unref(image->image);
    vips.g_free(image);
}

void sg_free(void *bytes) {
    if (bytes) vips.g_free(bytes);
}

int sg_image_gradient(int width, int height, int format, void **bytes, size_t *length, char *error, size_t error_size) {
    if (sg_vips_start(error, error_size) != 0) return -1;
    VipsImage *base = vips.vips_image_new();
    VipsImage **t = (VipsImage **)vips.vips_object_local_array((VipsObject *)base, 4);
    double scale[3] = {255.0 / width, 255.0 / height, 1}, offset[3] = {0, 0, 0};
    int status = vips.vips_xyz(&t[0], width, height, NULL)
        || vips.vips_bandjoin_const1(t[0], &t[1], 96, NULL)
        || vips.vips_linear(t[1], &t[2], scale, offset, 3, "uchar", TRUE, NULL)
        || vips.vips_copy(t[2], &t[3], "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    if (!status) {
        status = format == SG_FORMAT_WEBP ? vips.vips_webpsave_buffer(t[3], bytes, length, NULL)
            : format == SG_SAMPLE_PNG ? vips.vips_pngsave_buffer(t[3], bytes, length, NULL)
            : vips.vips_jpegsave_buffer(t[3], bytes, length, "Q", 90, NULL);
    }
    vips.g_object_unref(base);
    return status ? fail(error, error_size, "cannot draw the picture") : 0;
}
