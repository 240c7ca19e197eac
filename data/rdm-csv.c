/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RdmCsvReader: RFC 4180 records from a file read whole into memory.
 *
 * The file is read with read(2) rather than mapped: a mapped file that
 * shrinks while it is scanned kills the process with SIGBUS, and pipes,
 * devices and /proc files cannot be mapped at all. It is then scanned once.
 * Every field of the current record is copied, NUL-terminated, into one
 * buffer that is reused for the next record, so reading a row allocates
 * nothing once the buffer has grown to the longest record. Positions are kept as byte offsets and turned into
 * line:column only when an error message needs them.
 *
 * UTF-8 is checked on the raw bytes of each field that holds a byte >= 0x80
 * (plain ASCII needs no check); a NUL byte is taken as a sign of a binary
 * file and ends the read.
 *
 * A file that starts with a UTF-16 byte order mark (what Excel saves as
 * "Unicode text", and Google Ads and LinkedIn Campaign Manager download) is
 * decoded to UTF-8 whole before the scan, so that everything after it,
 * positions in error messages included, sees the decoded text: lines and
 * characters count as in the file, only bytes differ.
 */

/* st_mtim, O_CLOEXEC */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rdm-csv.h"
#include "rdm-large-array.h"

/* The quark name is a bare dashed token, which clang-format would split. */
/* clang-format off */
G_DEFINE_QUARK (rdm-csv-error-quark, rdm_csv_error)
/* clang-format on */

typedef struct
{
  gsize offset; /* in buffer */
  gsize length;
  gsize raw; /* where the field starts in the file */
} Field;

struct _RdmCsvReader
{
  char *name;
  GBytes *bytes;
  /* the file as read, for its checksum */
  const char *file_data;
  gsize file_size;
  /* the text scanned: the file itself, or its UTF-16 decoded to UTF-8 */
  const char *data;
  gsize size;
  char *decoded; /* owned when the file was UTF-16 */
  const char *encoding;
  /* why a UTF-16 file could not be decoded, given by the first next() */
  GError *decode_error;
  gsize start; /* after the BOM */
  gsize pos;
  char separator;
  gboolean bom;
  char comment_marker; /* 0: no comments */
  GPtrArray *comments; /* char *: the current table's comment block */

  guint64 line; /* physical line at pos */
  guint64 record_line;
  gsize record_start;

  guint8 classes[256];

  char *buffer;
  gsize buffer_len;
  gsize buffer_alloc;
  Field *fields;
  guint n_fields;
  guint fields_alloc;
};

/* Byte classes for the unquoted-field scan. */
enum
{
  C_PLAIN,
  C_STOP, /* separator, CR or LF */
  C_NUL,
  C_HIGH,
};

/* The separator most used on the first line from the one that starts at
 * @from that holds any: a report's title lines ("Campaign report") hold
 * none. A title line that holds one ("October 1, 2026 - December 31,
 * 2026" in a tab-separated file) misleads this guess; the importer then
 * tries the other separators on the header (see rdm_csv_reader_rewind()). */
#define SEPARATOR_LINES 20

static void
detect_separator (RdmCsvReader *self, gsize from)
{
  static const char candidates[3] = { ',', ';', '\t' };
  gsize counts[3] = { 0, 0, 0 };
  gboolean quoted = FALSE;
  guint lines = 0;
  guint best = 0;

  for (gsize i = from; i < self->size && lines < SEPARATOR_LINES; i++)
    {
      char c = self->data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (counts[0] + counts[1] + counts[2] > 0)
            break;
          lines += c == '\n' || i + 1 >= self->size || self->data[i + 1] != '\n';
        }
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          counts[k] += c == candidates[k];
    }
  for (guint k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  rdm_csv_reader_set_separator (self, candidates[best]);
}

G_GNUC_PRINTF (5, 6)
static void
set_decode_error (RdmCsvReader *self, guint64 line, guint column, int code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&self->decode_error, RDM_CSV_ERROR, code, "%s:%" G_GUINT64_FORMAT ":%u: %s",
               self->name, line, column, message);
}

/* Decodes UTF-16 (after its BOM) to UTF-8. On a NUL character, a lone
 * surrogate or an odd byte at the end, keeps the error, at its line and
 * character column, for the first read, and leaves no text. */
static void
decode_utf16 (RdmCsvReader *self, const guint8 *bytes, gsize size, gboolean big_endian)
{
  GString *text = g_string_sized_new (size / 2 * 3 / 2 + 1);
  guint64 line = 1;
  guint column = 1;
  gboolean after_cr = FALSE;
  gsize i = 2;

  while (i + 1 < size)
    {
      guint unit
          = big_endian ? (guint)bytes[i] << 8 | bytes[i + 1] : (guint)bytes[i + 1] << 8 | bytes[i];
      gunichar c = unit;
      char utf8[6];

      i += 2;
      if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < size)
        {
          guint low = big_endian ? (guint)bytes[i] << 8 | bytes[i + 1]
                                 : (guint)bytes[i + 1] << 8 | bytes[i];

          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
        }
      if (c >= 0xD800 && c <= 0xDFFF)
        {
          set_decode_error (self, line, column, RDM_CSV_ERROR_ENCODING,
                            _ ("invalid UTF-16 (a lone surrogate, 0x%04X): expected a UTF-16 "
                               "text file"),
                            (guint)c);
          break;
        }
      if (c == 0)
        {
          set_decode_error (self, line, column, RDM_CSV_ERROR_ENCODING, "%s",
                            _ ("binary data (a NUL character): expected a UTF-16 text file"));
          break;
        }
      g_string_append_len (text, utf8, g_unichar_to_utf8 (c, utf8));
      /* CRLF, LF and a lone CR each end one line, as position_of() counts */
      if (c == '\r' || (c == '\n' && !after_cr))
        {
          line++;
          column = 1;
        }
      else if (c != '\n')
        column++;
      after_cr = c == '\r';
    }
  if (self->decode_error == NULL && i < size)
    set_decode_error (self, line, column, RDM_CSV_ERROR_ENCODING, "%s",
                      _ ("invalid UTF-16: the file ends within a character (an odd number of "
                         "bytes): expected a UTF-16 text file"));
  if (self->decode_error != NULL)
    g_string_truncate (text, 0);
  self->decoded = g_string_free (text, FALSE);
  self->data = self->decoded;
  self->size = strlen (self->decoded);
}

static RdmCsvReader *
reader_new (const char *display_name, const char *data, gsize size)
{
  RdmCsvReader *self = g_new0 (RdmCsvReader, 1);

  self->name = g_strdup (display_name);
  self->file_data = data;
  self->file_size = size;
  self->data = data;
  self->size = size;
  self->encoding = "UTF-8";
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->bom = TRUE;
      self->start = 3;
    }
  else if (size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      gboolean big_endian = (guchar)data[0] == 0xFE;

      self->bom = TRUE;
      self->encoding = big_endian ? "UTF-16BE" : "UTF-16LE";
      decode_utf16 (self, (const guint8 *)data, size, big_endian);
    }
  self->pos = self->start;
  self->line = 1;
  self->buffer_alloc = 4096;
  self->buffer = g_malloc (self->buffer_alloc);
  self->fields_alloc = 64;
  self->fields = g_new (Field, self->fields_alloc);
  self->comments = g_ptr_array_new_with_free_func (g_free);
  detect_separator (self, self->start);
  return self;
}

/* How long a named pipe may stay without a writer: the program meant to
 * write it may start a moment after the import. */
#define FIFO_WRITER_WAIT_MS 10000

static gboolean
set_read_error (GError **error, const char *name, const char *reason)
{
  g_set_error (error, RDM_CSV_ERROR, RDM_CSV_ERROR_OPEN, _ ("Cannot read “%s”: %s"), name, reason);
  return FALSE;
}

/* Refuses what is not a stream of text: a folder, a device (which may never
 * end, like /dev/zero), a terminal. */
static gboolean
check_file_type (int fd, const char *name, gboolean is_stdin, struct stat *info, GError **error)
{
  if (fstat (fd, info) != 0)
    return set_read_error (error, name, g_strerror (errno));
  if (S_ISDIR (info->st_mode))
    return set_read_error (error, name, _ ("it is a folder: expected a CSV file"));
  if (is_stdin && isatty (fd))
    return set_read_error (error, name,
                           _ ("it is a terminal: expected a CSV file piped or redirected into it "
                              "(“< file.csv”)"));
  if (S_ISCHR (info->st_mode) || S_ISBLK (info->st_mode))
    return set_read_error (error, name, _ ("it is a device, not a file: expected a CSV file"));
  return TRUE;
}

/* A named pipe opened without O_NONBLOCK would wait forever for a writer;
 * once one is there, reads block again until it closes the pipe. (O_NONBLOCK
 * means nothing to regular files.) */
static gboolean
wait_for_fifo_writer (int fd, const char *name, GError **error)
{
  struct pollfd poll_fd = { .fd = fd, .events = POLLIN };
  int ready;

  do
    ready = poll (&poll_fd, 1, FIFO_WRITER_WAIT_MS);
  while (ready < 0 && errno == EINTR);
  if (ready < 0)
    return set_read_error (error, name, g_strerror (errno));
  if (ready == 0)
    return set_read_error (error, name,
                           _ ("it is a named pipe and no program wrote to it: expected a CSV "
                              "file, or a program writing one into the pipe"));
  if (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
    return set_read_error (error, name, g_strerror (errno));
  return TRUE;
}

static gboolean
same_file_state (const struct stat *a, const struct stat *b)
{
  return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec
         && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Reads @fd to its end. A regular file whose size or modification time
 * differs after the read, or that gave fewer bytes than its size, was
 * changed while it was read, and its contents cannot be trusted. Files of
 * /proc report a size of 0 and are read like a pipe. */
static GBytes *
read_all (int fd, const char *name, const struct stat *before, GError **error)
{
  gsize capacity
      = S_ISREG (before->st_mode) && before->st_size > 0 ? (gsize)before->st_size + 1 : 64 * 1024;
  gsize length = 0;
  char *data = g_malloc (capacity);
  struct stat after;

  rdm_large_array_advise (data, capacity);
  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          capacity *= 2;
          data = g_realloc (data, capacity);
          rdm_large_array_advise (data, capacity);
        }
      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_free (data);
          set_read_error (error, name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize)n;
    }
  if (S_ISREG (before->st_mode)
      && (fstat (fd, &after) != 0 || !same_file_state (before, &after)
          || (before->st_size > 0 && length != (gsize)before->st_size)))
    {
      g_free (data);
      set_read_error (error, name,
                      _ ("the file changed while it was read: wait until the program writing it "
                         "has finished, then import it again"));
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

RdmCsvReader *
rdm_csv_reader_new_for_path (const char *path, GError **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gboolean is_stdin;
  struct stat info;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  is_stdin = g_str_equal (path, "-");
  display_name = is_stdin ? g_strdup (_ ("standard input")) : g_filename_display_name (path);
  /* said before opening it too: opening a device may act on it (a tape
   * rewinds); check_file_type() checks what was opened */
  if (!is_stdin && stat (path, &info) == 0 && (S_ISCHR (info.st_mode) || S_ISBLK (info.st_mode)))
    {
      set_read_error (error, display_name, _ ("it is a device, not a file: expected a CSV file"));
      return NULL;
    }
  if (is_stdin)
    fd = dup (STDIN_FILENO);
  else
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, display_name, g_strerror (errno));
      return NULL;
    }
  if (check_file_type (fd, display_name, is_stdin, &info, error)
      && (!S_ISFIFO (info.st_mode) || is_stdin || wait_for_fifo_writer (fd, display_name, error)))
    {
      bytes = read_all (fd, display_name, &info, error);
    }
  g_close (fd, NULL);
  if (bytes == NULL)
    return NULL;
  return rdm_csv_reader_new_for_data (display_name, bytes);
}

RdmCsvReader *
rdm_csv_reader_new_for_data (const char *display_name, GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  RdmCsvReader *self = reader_new (display_name, data, size);

  self->bytes = g_bytes_ref (bytes);
  return self;
}

void
rdm_csv_reader_free (RdmCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_error (&self->decode_error);
  g_free (self->decoded);
  g_free (self->name);
  g_free (self->buffer);
  g_free (self->fields);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_free (self);
}

void
rdm_csv_reader_set_separator (RdmCsvReader *self, char separator)
{
  self->separator = separator;
  memset (self->classes, C_PLAIN, sizeof self->classes);
  self->classes[(guchar)separator] = C_STOP;
  self->classes['\r'] = C_STOP;
  self->classes['\n'] = C_STOP;
  self->classes[0] = C_NUL;
  for (guint c = 0x80; c < 256; c++)
    self->classes[c] = C_HIGH;
}

char
rdm_csv_reader_get_separator (RdmCsvReader *self)
{
  return self->separator;
}

gboolean
rdm_csv_reader_has_bom (RdmCsvReader *self)
{
  return self->bom;
}

const char *
rdm_csv_reader_get_name (RdmCsvReader *self)
{
  return self->name;
}

const char *
rdm_csv_reader_get_encoding (RdmCsvReader *self)
{
  return self->encoding;
}

const guint8 *
rdm_csv_reader_get_bytes (RdmCsvReader *self, gsize *size)
{
  *size = self->file_size;
  return (const guint8 *)self->file_data;
}

const char *
rdm_csv_reader_get_text (RdmCsvReader *self, gsize *size)
{
  *size = self->size;
  return self->data;
}

void
rdm_csv_reader_rewind (RdmCsvReader *self)
{
  self->pos = self->start;
  self->line = 1;
  self->n_fields = 0;
}

gsize
rdm_csv_reader_get_offset (RdmCsvReader *self)
{
  return self->pos;
}

guint
rdm_csv_reader_get_n_fields (RdmCsvReader *self)
{
  return self->n_fields;
}

const char *
rdm_csv_reader_get_field (RdmCsvReader *self, guint index, gsize *length)
{
  g_return_val_if_fail (index < self->n_fields, NULL);
  if (length != NULL)
    *length = self->fields[index].length;
  return self->buffer + self->fields[index].offset;
}

char *
rdm_csv_reader_strip_field (RdmCsvReader *self, guint index)
{
  char *text;
  gsize length;

  g_return_val_if_fail (index < self->n_fields, NULL);
  text = self->buffer + self->fields[index].offset;
  length = self->fields[index].length;
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
    text[--length] = '\0';
  while (*text == ' ' || *text == '\t')
    text++;
  return text;
}

guint64
rdm_csv_reader_get_line (RdmCsvReader *self)
{
  return self->record_line;
}

/* The line and character column of a byte of the current record. */
static void
position_of (RdmCsvReader *self, gsize offset, guint64 *line, guint *column)
{
  guint64 l = self->record_line;
  gsize line_start = self->record_start;
  guint col = 1;

  for (gsize i = self->record_start; i < offset && i < self->size; i++)
    {
      char c = self->data[i];

      if (c == '\n' || (c == '\r' && (i + 1 >= self->size || self->data[i + 1] != '\n')))
        {
          l++;
          line_start = i + 1;
        }
    }
  for (gsize i = line_start; i < offset && i < self->size; i++)
    col += ((guchar)self->data[i] & 0xC0) != 0x80;
  *line = l;
  *column = col;
}

void
rdm_csv_reader_get_position (RdmCsvReader *self, guint index, guint64 *line, guint *column)
{
  g_return_if_fail (index < self->n_fields);
  position_of (self, self->fields[index].raw, line, column);
}

G_GNUC_PRINTF (5, 6)
static gboolean
set_error_at (
    RdmCsvReader *self, GError **error, RdmCsvError code, gsize offset, const char *format, ...)
{
  g_autofree char *message = NULL;
  guint64 line;
  guint column;
  va_list args;

  position_of (self, offset, &line, &column);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RDM_CSV_ERROR, code, "%s:%" G_GUINT64_FORMAT ":%u: %s", self->name, line,
               column, message);
  return FALSE;
}

static gboolean
check_bytes (RdmCsvReader *self, gsize from, gsize to, GError **error)
{
  const char *end = NULL;

  if (g_utf8_validate_len (self->data + from, to - from, &end))
    return TRUE;
  if (*end == '\0')
    return set_error_at (self, error, RDM_CSV_ERROR_ENCODING, end - self->data,
                         _ ("binary data (a NUL byte): expected a UTF-8 text file"));
  return set_error_at (self, error, RDM_CSV_ERROR_ENCODING, end - self->data,
                       _ ("invalid UTF-8: expected a UTF-8 text file (save it as “CSV UTF-8”)"));
}

static void
reserve (RdmCsvReader *self, gsize extra)
{
  if (self->buffer_len + extra <= self->buffer_alloc)
    return;
  while (self->buffer_len + extra > self->buffer_alloc)
    self->buffer_alloc *= 2;
  self->buffer = g_realloc (self->buffer, self->buffer_alloc);
}

static gboolean
field_too_long (RdmCsvReader *self, gsize raw, GError **error)
{
  return set_error_at (self, error, RDM_CSV_ERROR_FIELD_TOO_LONG, raw,
                       _ ("a field longer than %d MiB: expected a CSV text file"),
                       RDM_CSV_MAX_FIELD / (1024 * 1024));
}

/* Reads a quoted field; pos is on the opening quote. */
static gboolean
read_quoted (RdmCsvReader *self, gsize raw, GError **error)
{
  const char *data = self->data;
  gsize pos = self->pos + 1;

  for (;;)
    {
      const char *quote = memchr (data + pos, '"', self->size - pos);
      gsize chunk_end = quote != NULL ? (gsize)(quote - data) : self->size;
      gsize chunk = chunk_end - pos;

      if (self->buffer_len - self->fields[self->n_fields].offset + chunk > RDM_CSV_MAX_FIELD)
        return field_too_long (self, raw, error);
      if (quote == NULL)
        return set_error_at (self, error, RDM_CSV_ERROR_QUOTE, raw,
                             _ ("a quoted field is never closed: expected a closing “\"”"));
      if (!check_bytes (self, pos, chunk_end, error))
        return FALSE;
      for (gsize i = pos; i < chunk_end; i++)
        if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
          self->line++;
      reserve (self, chunk + 1);
      memcpy (self->buffer + self->buffer_len, data + pos, chunk);
      self->buffer_len += chunk;
      pos = chunk_end + 1;
      if (pos < self->size && data[pos] == '"')
        {
          self->buffer[self->buffer_len++] = '"';
          pos++;
          continue;
        }
      break;
    }
  if (pos < self->size && data[pos] != self->separator && data[pos] != '\r' && data[pos] != '\n')
    {
      return set_error_at (self, error, RDM_CSV_ERROR_QUOTE, pos,
                           _ ("text after a closing quote: expected “%c” or the end of the line"),
                           self->separator);
    }
  self->pos = pos;
  return TRUE;
}

static gboolean
read_record (RdmCsvReader *self, GError **error)
{
  const guint8 *classes = self->classes;
  const char *data = self->data;
  gsize size = self->size;

  self->n_fields = 0;
  self->buffer_len = 0;
  self->record_start = self->pos;
  self->record_line = self->line;

  for (;;)
    {
      gsize raw = self->pos;
      Field *field;

      if (self->n_fields == RDM_CSV_MAX_FIELDS)
        return set_error_at (self, error, RDM_CSV_ERROR_QUOTE, raw,
                             _ ("more than %d fields in one record"), RDM_CSV_MAX_FIELDS);
      if (self->n_fields == self->fields_alloc)
        {
          self->fields_alloc *= 2;
          self->fields = g_renew (Field, self->fields, self->fields_alloc);
        }
      field = &self->fields[self->n_fields];
      field->offset = self->buffer_len;
      field->raw = raw;

      if (raw < size && data[raw] == '"')
        {
          if (!read_quoted (self, raw, error))
            return FALSE;
        }
      else
        {
          gsize pos = raw;
          guint seen = 0;

          while (pos < size)
            {
              guint8 class = classes[(guchar)data[pos]];

              if (class == C_STOP)
                break;
              seen |= class;
              pos++;
            }
          if (pos - raw > RDM_CSV_MAX_FIELD)
            return field_too_long (self, raw, error);
          if (seen > C_STOP && !check_bytes (self, raw, pos, error))
            return FALSE;
          reserve (self, pos - raw + 1);
          memcpy (self->buffer + self->buffer_len, data + raw, pos - raw);
          self->buffer_len += pos - raw;
          self->pos = pos;
        }
      field->length = self->buffer_len - field->offset;
      self->buffer[self->buffer_len++] = '\0';
      self->n_fields++;

      if (self->pos >= size)
        return TRUE;
      if (data[self->pos] == self->separator)
        {
          self->pos++;
          continue;
        }
      /* end of line: CRLF, LF or a lone CR */
      if (data[self->pos] == '\r' && self->pos + 1 < size && data[self->pos + 1] == '\n')
        self->pos++;
      self->pos++;
      self->line++;
      return TRUE;
    }
}

gboolean
rdm_csv_reader_next (RdmCsvReader *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->decode_error != NULL)
    {
      self->n_fields = 0;
      g_propagate_error (error, g_error_copy (self->decode_error));
      return FALSE;
    }
  while (self->pos < self->size)
    {
      /* a comment block opens the next table */
      if (self->comment_marker != 0 && self->data[self->pos] == self->comment_marker)
        break;
      if (!read_record (self, error))
        {
          /* stay at the end so a caller that goes on reads nothing more */
          self->pos = self->size;
          self->n_fields = 0;
          return FALSE;
        }
      if (self->n_fields == 1 && self->fields[0].length == 0
          && self->data[self->fields[0].raw] != '"')
        continue;
      return TRUE;
    }
  self->n_fields = 0;
  return FALSE;
}

/* The end of the physical line that starts at @from, before its CR/LF. */
static gsize
line_end (RdmCsvReader *self, gsize from)
{
  const char *newline = memchr (self->data + from, '\n', self->size - from);
  gsize end = newline != NULL ? (gsize)(newline - self->data) : self->size;

  return end > from && self->data[end - 1] == '\r' ? end - 1 : end;
}

/* Moves past the line that starts at pos. */
static void
skip_line (RdmCsvReader *self)
{
  const char *newline = memchr (self->data + self->pos, '\n', self->size - self->pos);

  self->pos = newline != NULL ? (gsize)(newline - self->data) + 1 : self->size;
  self->line++;
}

/* Reads the blank and comment lines from pos to the next table's first
 * line, keeping the comments' text. A comment that is not valid UTF-8 is
 * kept with its bad bytes replaced: it is only ever shown or searched for
 * a date. */
static void
read_comment_block (RdmCsvReader *self)
{
  g_ptr_array_set_size (self->comments, 0);
  while (self->pos < self->size)
    {
      char c = self->data[self->pos];

      if (c == self->comment_marker)
        {
          gsize end = line_end (self, self->pos);

          g_ptr_array_add (self->comments, g_utf8_make_valid (self->data + self->pos + 1,
                                                              (gssize)(end - self->pos - 1)));
        }
      else if (c != '\r' && c != '\n')
        break;
      skip_line (self);
    }
  /* where the table starts, for a message about a block with no table */
  self->record_line = self->line;
  detect_separator (self, self->pos);
}

void
rdm_csv_reader_set_comment_marker (RdmCsvReader *self, char marker)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (marker != '"' && marker != '\r' && marker != '\n');

  self->comment_marker = marker;
  if (marker == 0)
    {
      g_ptr_array_set_size (self->comments, 0);
      return;
    }
  read_comment_block (self);
}

const GPtrArray *
rdm_csv_reader_get_comments (RdmCsvReader *self)
{
  return self->comments;
}

gboolean
rdm_csv_reader_next_table (RdmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->comment_marker == 0)
    return FALSE;
  while (self->pos < self->size && self->data[self->pos] != self->comment_marker)
    skip_line (self);
  if (self->pos >= self->size)
    return FALSE;
  read_comment_block (self);
  self->n_fields = 0;
  return self->pos < self->size;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

gboolean
rdm_csv_parse_int64 (const char *text, gint64 *value)
{
  const char *p = skip_spaces (text);
  gboolean negative = FALSE;
  guint64 result = 0;
  guint digits = 0;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      if (result > (G_MAXINT64 - 9) / 10)
        return FALSE;
      result = result * 10 + (guint64)(*p - '0');
    }
  if (digits == 0 || *skip_spaces (p) != '\0')
    return FALSE;
  *value = negative ? -(gint64)result : (gint64)result;
  return TRUE;
}

gboolean
rdm_csv_parse_double (const char *text, gboolean decimal_comma, double *value)
{
  char copy[80];
  const char *p = skip_spaces (text);
  gsize n = 0;
  guint digits = 0;
  gboolean point = FALSE;
  gboolean exponent = FALSE;
  char *end = NULL;

  if (*p == '-' || *p == '+')
    copy[n++] = *p++;
  for (; *p != '\0' && *p != ' ' && *p != '\t'; p++)
    {
      char c = *p;

      if (n + 2 >= sizeof copy)
        return FALSE;
      if (g_ascii_isdigit (c))
        digits++;
      else if ((c == '.' || (c == ',' && decimal_comma)) && !point && !exponent)
        {
          point = TRUE;
          c = '.';
        }
      else if ((c == 'e' || c == 'E') && digits > 0 && !exponent)
        {
          exponent = TRUE;
          copy[n++] = c;
          if (p[1] == '-' || p[1] == '+')
            copy[n++] = *++p;
          if (!g_ascii_isdigit (p[1]))
            return FALSE;
          continue;
        }
      else
        return FALSE;
      copy[n++] = c;
    }
  if (digits == 0 || *skip_spaces (p) != '\0')
    return FALSE;
  copy[n] = '\0';
  *value = g_ascii_strtod (copy, &end);
  return end == copy + n && isfinite (*value);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint)(y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64)doe - 719468;
}

static guint
days_in_month (guint year, guint month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return days[month - 1];
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p, guint n, guint *value)
{
  guint result = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      result = result * 10 + (guint)((*p)[i] - '0');
    }
  *p += n;
  *value = result;
  return TRUE;
}

/* One or two digits. */
static gboolean
read_short (const char **p, guint *value)
{
  if (!g_ascii_isdigit (**p))
    return FALSE;
  *value = (guint)(*(*p)++ - '0');
  if (g_ascii_isdigit (**p))
    *value = *value * 10 + (guint)(*(*p)++ - '0');
  return TRUE;
}

static gboolean
read_clock (const char **p, guint *hour, guint *minute, guint *second)
{
  *second = 0;
  if (!read_digits (p, 2, hour) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, minute))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, second))
        return FALSE;
      if (**p == '.' || **p == ',')
        {
          (*p)++;
          if (!g_ascii_isdigit (**p))
            return FALSE;
          while (g_ascii_isdigit (**p))
            (*p)++;
        }
    }
  return *hour < 24 && *minute < 60 && *second < 60;
}

gboolean
rdm_csv_parse_time (const char *text, gint64 *epoch_seconds)
{
  const char *p = skip_spaces (text);
  const char *q;
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gint64 offset = 0;

  for (q = *p == '-' ? p + 1 : p; g_ascii_isdigit (*q); q++)
    ;
  if (q > p && *skip_spaces (q) == '\0')
    return rdm_csv_parse_int64 (p, epoch_seconds);

  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
      && g_ascii_isdigit (p[3]) && p[4] == '-')
    {
      read_digits (&p, 4, &year);
      if (*p++ != '-' || !read_digits (&p, 2, &month) || *p++ != '-' || !read_digits (&p, 2, &day))
        return FALSE;
      if (*p == 'T' || (*p == ' ' && g_ascii_isdigit (p[1])))
        {
          p++;
          if (!read_clock (&p, &hour, &minute, &second))
            return FALSE;
          if (*p == 'Z')
            p++;
          else if (*p == '+' || *p == '-')
            {
              int sign = *p++ == '-' ? -1 : 1;
              guint oh, om = 0;

              if (!read_digits (&p, 2, &oh))
                return FALSE;
              if (*p == ':')
                p++;
              if (g_ascii_isdigit (*p) && !read_digits (&p, 2, &om))
                return FALSE;
              if (oh > 23 || om > 59)
                return FALSE;
              offset = sign * (gint64)(oh * 3600 + om * 60);
            }
        }
    }
  else
    {
      if (!read_short (&p, &day) || *p++ != '/' || !read_short (&p, &month) || *p++ != '/'
          || !read_digits (&p, 4, &year))
        return FALSE;
      if (*p == ' ' && g_ascii_isdigit (p[1]))
        {
          p++;
          if (!read_clock (&p, &hour, &minute, &second))
            return FALSE;
        }
    }
  if (*skip_spaces (p) != '\0')
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;
  *epoch_seconds
      = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return TRUE;
}

gint64
rdm_csv_day_of (gint64 epoch_seconds)
{
  gint64 days = epoch_seconds / 86400;

  if (epoch_seconds % 86400 < 0)
    days--;
  return days * 86400;
}
