/*
 * CLua: Lua 5.4 from Debian's liblua5.4-dev, seen from Swift.
 *
 * Two jobs:
 *  1. Lua's function-like macros (lua_pcall, lua_tostring, lua_pop, ...) are not
 *     imported by Swift; they are re-exported here as static inline functions.
 *  2. Every piece that may raise a Lua error (longjmp) lives here, in C, so that no
 *     Lua error ever unwinds a Swift frame: the trampoline that calls Swift functions
 *     raises *after* Swift returned, the sandbox is opened under lua_pcall, and the
 *     limit hook raises from C.
 *
 * The per-state context (karta_ctx) is the allocator's user data, reachable from any
 * lua_State through lua_getallocf. It carries the memory cap, the instruction budget
 * and the wall-clock deadline that the allocator and the hook enforce.
 */
#ifndef KARTA_CLUA_SHIM_H
#define KARTA_CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

/* Called by the trampoline with the Swift function's box; returns the number of
 * results pushed, or -1 after pushing an error message to raise. */
typedef int (*karta_dispatch_fn)(lua_State *L, void *box);

typedef struct karta_ctx {
    size_t memory_used;          /* bytes currently allocated by this state */
    size_t memory_peak;          /* highest memory_used seen */
    size_t memory_limit;         /* 0 = no cap */
    int host_allocating;         /* > 0 while the host pushes values: exempt from the cap */
    int memory_refused;          /* set when the cap refused an allocation */
    int64_t instruction_limit;   /* 0 = no budget; counted per protected call */
    int64_t instructions;        /* instructions run in the current call (granularity: hook step) */
    double deadline;             /* CLOCK_MONOTONIC seconds; 0 = none */
    karta_dispatch_fn dispatch;  /* the Swift side of karta_trampoline */
    int tripped;                 /* the limit the current call hit (KARTA_TRIP_*), 0 = none */
    int trip_message_set;        /* trip_message holds the message (with the plugin's line) */
    char trip_message[320];      /* raised again by every hook and every pcall/xpcall/load until the call ends */
    void *refused_block;         /* the last request the cap refused, to see Lua's retry after its emergency GC */
    size_t refused_size;
    int refused_pending;
} karta_ctx;

/* The limits a call can hit. Once one is hit, the call is over: no Lua code can catch it. */
#define KARTA_TRIP_INSTRUCTIONS 1
#define KARTA_TRIP_TIME 2
#define KARTA_TRIP_MEMORY 3

#define KARTA_HOOK_STEP 1000

static inline double karta_monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline karta_ctx *karta_ctx_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (karta_ctx *)ud;
}

static void *karta_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    karta_ctx *ctx = (karta_ctx *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        ctx->memory_used -= old;
        return NULL;
    }
    if (nsize > old && ctx->memory_limit > 0 && ctx->host_allocating == 0 &&
        ctx->memory_used + (nsize - old) > ctx->memory_limit) {
        ctx->memory_refused = 1;
        /* Lua answers a refusal with an emergency collection and asks once more: refused
         * again, the cap is truly reached and the call is over. */
        if (ctx->refused_pending && ctx->refused_block == ptr && ctx->refused_size == nsize) {
            if (ctx->tripped == 0) ctx->tripped = KARTA_TRIP_MEMORY;
        }
        ctx->refused_pending = 1;
        ctx->refused_block = ptr;
        ctx->refused_size = nsize;
        return NULL;
    }
    ctx->refused_pending = 0;
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    ctx->memory_used = ctx->memory_used - old + nsize;
    if (ctx->memory_used > ctx->memory_peak) ctx->memory_peak = ctx->memory_used;
    return block;
}

static inline lua_State *karta_newstate(karta_ctx *ctx) {
    return lua_newstate(karta_alloc, ctx);
}

/* ---- limits ------------------------------------------------------------ */

/* Where plugin code is running: the first Lua frame with a line that is not the host
 * prelude, as "file:line: " (or "" when Lua knows no line). Reads only the call stack, so
 * the worker's watchdog may call it from another thread while a C function runs. */
static void karta_where(lua_State *L, char *out, size_t size) {
    lua_Debug ar;
    out[0] = '\0';
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (ar.currentline > 0 && strcmp(ar.source, "@karta/prelude.lua") != 0) {
            snprintf(out, size, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
}

/* The message of the limit this call hit, made once, at the line where it was hit. */
static const char *karta_trip_message(lua_State *L) {
    karta_ctx *ctx = karta_ctx_of(L);
    if (!ctx->trip_message_set) {
        char where[200];
        karta_where(L, where, sizeof where);
        switch (ctx->tripped) {
        case KARTA_TRIP_INSTRUCTIONS:
            snprintf(ctx->trip_message, sizeof ctx->trip_message,
                     "%skarta: instruction budget exceeded (limit %lld instructions)", where,
                     (long long)ctx->instruction_limit);
            break;
        case KARTA_TRIP_TIME:
            snprintf(ctx->trip_message, sizeof ctx->trip_message, "%skarta: time limit exceeded", where);
            break;
        default:
            snprintf(ctx->trip_message, sizeof ctx->trip_message, "%skarta: memory limit exceeded (limit %zu bytes)",
                     where, ctx->memory_limit);
            break;
        }
        ctx->trip_message_set = 1;
    }
    return ctx->trip_message;
}

/* Pushes the message of the limit the call hit (also for the host, after the call). The
 * push is exempt from the cap, so that a memory trip cannot turn into a different error. */
static inline void karta_push_trip_message(lua_State *L) {
    karta_ctx *ctx = karta_ctx_of(L);
    const char *message = karta_trip_message(L);
    ctx->host_allocating++;
    lua_pushstring(L, message);
    ctx->host_allocating--;
}

/* Raises the limit's message again. */
static int karta_raise_trip(lua_State *L) {
    karta_push_trip_message(L);
    return lua_error(L);
}

/* After a protected call made for plugin code (pcall, xpcall, load): a memory error, or a
 * limit hit inside, ends the whole call instead of being caught. */
static void karta_after_protected(lua_State *L, int status) {
    karta_ctx *ctx = karta_ctx_of(L);
    if (status == LUA_ERRMEM && ctx->tripped == 0) ctx->tripped = KARTA_TRIP_MEMORY;
    if (ctx->tripped != 0) karta_raise_trip(L);
}

static void karta_limit_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    karta_ctx *ctx = karta_ctx_of(L);
    ctx->instructions += KARTA_HOOK_STEP;
    if (ctx->tripped == 0) {
        if (ctx->instruction_limit > 0 && ctx->instructions > ctx->instruction_limit) {
            ctx->tripped = KARTA_TRIP_INSTRUCTIONS;
        } else if (ctx->deadline > 0 && karta_monotonic_seconds() > ctx->deadline) {
            ctx->tripped = KARTA_TRIP_TIME;
        }
    }
    if (ctx->tripped != 0) karta_raise_trip(L);
}

static inline void karta_install_limit_hook(lua_State *L) {
    lua_sethook(L, karta_limit_hook, LUA_MASKCOUNT, KARTA_HOOK_STEP);
}

/* Clears the limits' state before a top-level call. */
static inline void karta_reset_trip(karta_ctx *ctx) {
    ctx->tripped = 0;
    ctx->trip_message_set = 0;
    ctx->trip_message[0] = '\0';
    ctx->refused_pending = 0;
    ctx->memory_refused = 0;
    ctx->instructions = 0;
}

/* ---- calling Swift from Lua ------------------------------------------- */

/* Calls the Swift function. Time spent in it counts against the call's deadline: a loop of
 * host calls runs few VM instructions per pass, so the count hook alone would see the
 * deadline late. A limit already hit, or the deadline passed meanwhile, ends the call. */
static int karta_trampoline(lua_State *L) {
    karta_ctx *ctx = karta_ctx_of(L);
    if (ctx->tripped == 0 && ctx->deadline > 0 && karta_monotonic_seconds() > ctx->deadline) ctx->tripped = KARTA_TRIP_TIME;
    if (ctx->tripped != 0) return karta_raise_trip(L);
    void *box = lua_touserdata(L, lua_upvalueindex(1));
    int results = ctx->dispatch(L, box);
    if (results < 0) return lua_error(L); /* raised here, in C, after Swift returned */
    if (ctx->tripped == 0 && ctx->deadline > 0 && karta_monotonic_seconds() > ctx->deadline) ctx->tripped = KARTA_TRIP_TIME;
    if (ctx->tripped != 0) return karta_raise_trip(L);
    return results;
}

/* Pushes a Lua function that calls the Swift function identified by box. */
static inline void karta_push_swift_function(lua_State *L, void *box) {
    lua_pushlightuserdata(L, box);
    lua_pushcclosure(L, karta_trampoline, 1);
}

/* ---- errors ------------------------------------------------------------ */

/* Message handler for lua_pcall: turns any error object into "message\ntraceback". */
static int karta_message_handler(lua_State *L) {
    const char *msg = NULL;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
        msg = lua_tostring(L, 1);
    } else if (lua_type(L, 1) == LUA_TNIL) {
        msg = "nil";
    } else {
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* ---- the sandbox ------------------------------------------------------- */

/* load(chunk [, chunkname [, mode [, env]]]) with mode forced to "t". */
static int karta_load_text_only(lua_State *L) {
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    if (n >= 2) lua_pushvalue(L, 2); else lua_pushnil(L);
    lua_pushliteral(L, "t");
    if (n >= 4) {
        lua_pushvalue(L, 4);
        lua_call(L, 4, LUA_MULTRET);
    } else {
        lua_call(L, 3, LUA_MULTRET);
    }
    /* load runs a reader function in protected mode: a limit hit there is not an answer. */
    karta_after_protected(L, LUA_OK);
    return lua_gettop(L) - n;
}

/* pcall(f, ...): Lua's, except that a limit hit inside ends the whole call. */
static int karta_pcall_guarded(lua_State *L) {
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    karta_after_protected(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/* The message handler xpcall installs: the plugin's handler, unless a limit was hit (then
 * the plugin's handler never runs: a hook-raised error would run it without hooks). */
static int karta_xpcall_handler(lua_State *L) {
    if (karta_ctx_of(L)->tripped != 0) {
        lua_settop(L, 1);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, handler, ...): Lua's, except that a limit hit inside ends the whole call. */
static int karta_xpcall_guarded(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, karta_xpcall_handler, 1);
    lua_replace(L, 2);                 /* f, handler', args */
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_replace(L, 1);
    lua_replace(L, 2);                 /* handler', f, args */
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    karta_after_protected(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1);
    return lua_gettop(L);
}

/* setmetatable that refuses a metatable with a __gc field: finalizers would run plugin
 * code at collection time, outside any call's limits. Upvalue 1: the original. */
static int karta_setmetatable_no_gc(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, lua_isnoneornil(L, 2) || lua_type(L, 2) == LUA_TTABLE, 2, "nil or table");
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL) {
            return luaL_error(L, "karta: __gc metamethods are not allowed in plugins");
        }
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Raises "karta: host data is read-only" at the plugin's own line: the first Lua frame
 * that is not the host prelude (a write may come through table.insert or rawset). */
static int karta_readonly_error(lua_State *L) {
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (ar.currentline > 0 && strcmp(ar.source, "@karta/prelude.lua") != 0) {
            lua_pushfstring(L, "%s:%d: karta: host data is read-only", ar.short_src, ar.currentline);
            return lua_error(L);
        }
    }
    return luaL_error(L, "karta: host data is read-only");
}

/* ---- read-only host data ---------------------------------------------- */

/* Host tables reach plugin code as empty proxies. Each proxy has its own metatable:
 * __index is the real ("shadow") table, so reads cost one extra lookup and no call;
 * __newindex raises; __len and __pairs read the shadow; __metatable hides it all. The
 * shadow is also stored under "__karta_shadow", where karta_shadow finds it. (Keys are
 * strings, not addresses of static variables: this header is compiled into each Swift
 * file that uses it, each with its own statics.) */
#define KARTA_SHADOW_KEY "__karta_shadow"
#define KARTA_FROZEN_PROTO_KEY "karta.frozen_metatable"

/* If the value at idx is a read-only proxy, pushes its shadow table and returns 1. */
static int karta_shadow(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return 0;
    lua_pushliteral(L, KARTA_SHADOW_KEY);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_remove(L, -2);
        return 1;
    }
    lua_pop(L, 2);
    return 0;
}

/* next(t, k) that walks a proxy's shadow: the global next, and the __pairs iterator. */
static int karta_frozen_next(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (karta_shadow(L, 1)) lua_replace(L, 1);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

static int karta_frozen_len(lua_State *L) {
    if (!karta_shadow(L, 1)) return luaL_error(L, "karta: not host data");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int karta_frozen_pairs(lua_State *L) {
    lua_pushcfunction(L, karta_frozen_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* rawset that refuses proxies. */
static int karta_guarded_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (karta_shadow(L, 1)) return karta_readonly_error(L);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* Replaces the table at absolute index idx with a read-only proxy of it (tables inside
 * it are left as they are). */
static void karta_proxy_at(lua_State *L, int idx) {
    lua_createtable(L, 0, 0);                 /* the proxy */
    lua_createtable(L, 0, 6);                 /* its metatable */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, KARTA_SHADOW_KEY);
    lua_getfield(L, LUA_REGISTRYINDEX, KARTA_FROZEN_PROTO_KEY);
    static const char *const shared[] = {"__newindex", "__len", "__pairs", "__metatable", NULL};
    for (int i = 0; shared[i] != NULL; i++) {
        lua_getfield(L, -1, shared[i]);
        lua_setfield(L, -3, shared[i]);
    }
    lua_pop(L, 1);
    lua_setmetatable(L, -2);
    lua_replace(L, idx);
}

/* The host's pushes: replaces the fresh table on top of the stack with its proxy (its
 * own tables were made proxies as they were pushed). An empty proxy can never change, so
 * every empty table the host pushes becomes the state's one shared empty proxy (a roadmap
 * has several empty lists and maps per activity, each otherwise a proxy and a metatable). */
#define KARTA_EMPTY_FROZEN_KEY "karta.empty_frozen"
static inline void karta_proxy_top(lua_State *L) {
    int top = lua_gettop(L);
    lua_pushnil(L);
    if (lua_next(L, top) != 0) {
        lua_pop(L, 2);
        karta_proxy_at(L, top);
        return;
    }
    if (lua_getfield(L, LUA_REGISTRYINDEX, KARTA_EMPTY_FROZEN_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        karta_proxy_at(L, top);
        lua_pushvalue(L, top);
        lua_setfield(L, LUA_REGISTRYINDEX, KARTA_EMPTY_FROZEN_KEY);
        return;
    }
    lua_replace(L, top);
}

/* Replaces the table at absolute index idx (and, first, every table inside it) with a
 * read-only proxy. Host data is fresh and acyclic; depth is capped all the same. */
static void karta_freeze_at(lua_State *L, int idx, int depth) {
    if (lua_type(L, idx) != LUA_TTABLE || depth > 64) return;
    if (karta_shadow(L, idx)) { lua_pop(L, 1); return; }
    luaL_checkstack(L, 8, "karta: host data nested too deep");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -1) == LUA_TTABLE) {
            karta_freeze_at(L, lua_gettop(L), depth + 1);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, idx); /* an existing key: allowed during traversal */
        } else {
            lua_pop(L, 1);
        }
    }
    karta_proxy_at(L, idx);
}

/* __karta_freeze(value): the value, read-only (for the prelude's karta table). */
static int karta_freeze_lua(lua_State *L) {
    lua_settop(L, 1);
    karta_freeze_at(L, 1, 0);
    return 1;
}

/* Freezes every argument in place and returns them all (run under lua_pcall). */
static int karta_freeze_all(lua_State *L) {
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) karta_freeze_at(L, i, 0);
    return n;
}

/* Makes the n values on top of the stack read-only; returns a lua_pcall status (on error
 * the n values are replaced by the message). */
static inline int karta_freeze_top(lua_State *L, int n) {
    lua_pushcfunction(L, karta_freeze_all);
    lua_insert(L, -n - 1);
    return lua_pcall(L, n, n, 0);
}

static void karta_open_frozen(lua_State *L) {
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, karta_readonly_error);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, karta_frozen_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, karta_frozen_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "karta: read-only host data");
    lua_setfield(L, -2, "__metatable");
    lua_setfield(L, LUA_REGISTRYINDEX, KARTA_FROZEN_PROTO_KEY);

    lua_pushcfunction(L, karta_frozen_next);
    lua_setglobal(L, "next");
    lua_pushcfunction(L, karta_guarded_rawset);
    lua_setglobal(L, "rawset");
    /* For the prelude, which takes it into a local and removes the global. */
    lua_pushcfunction(L, karta_freeze_lua);
    lua_setglobal(L, "__karta_freeze");
}

static int karta_open_sandbox_impl(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 0);

    static const char *const removed[] = {"dofile", "loadfile", "collectgarbage", "require", NULL};
    for (int i = 0; removed[i] != NULL; i++) {
        lua_pushnil(L);
        lua_setglobal(L, removed[i]);
    }
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);

    lua_getglobal(L, "load");
    lua_pushcclosure(L, karta_load_text_only, 1);
    lua_setglobal(L, "load");

    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, karta_setmetatable_no_gc, 1);
    lua_setglobal(L, "setmetatable");

    lua_pushcfunction(L, karta_pcall_guarded);
    lua_setglobal(L, "pcall");
    lua_pushcfunction(L, karta_xpcall_guarded);
    lua_setglobal(L, "xpcall");

    karta_open_frozen(L);

    /* The string metatable can be neither read nor replaced: getmetatable("") returns
     * this marker and setmetatable on it fails. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushliteral(L, "karta: the string metatable is locked");
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 0;
}

/* Opens base, string, table, math and utf8 only; removes dofile, loadfile,
 * collectgarbage, require and string.dump; forces load to text mode; refuses __gc
 * metatables; locks the string metatable; pcall, xpcall and load cannot catch a limit.
 * Returns a lua_pcall status. */
static inline int karta_open_sandbox(lua_State *L) {
    lua_pushcfunction(L, karta_open_sandbox_impl);
    return lua_pcall(L, 0, 0, 0);
}

/* Loads a text chunk (never binary) named chunkname; pushes the function or an error. */
static inline int karta_load_text(lua_State *L, const char *source, size_t length, const char *chunkname) {
    return luaL_loadbufferx(L, source, length, chunkname, "t");
}

/* Bytecode the host dumps of a chunk it compiled itself, to load that chunk again in a fresh
 * state without parsing it (plugin code can never load bytecode: see karta_load_text_only). */
typedef struct { char *bytes; size_t length; size_t capacity; } karta_dump_buffer;

static int karta_dump_writer(lua_State *L, const void *p, size_t size, void *ud) {
    (void)L;
    karta_dump_buffer *out = (karta_dump_buffer *)ud;
    if (out->length + size > out->capacity) {
        size_t capacity = out->capacity ? out->capacity : 4096;
        while (capacity < out->length + size) capacity *= 2;
        char *grown = (char *)realloc(out->bytes, capacity);
        if (grown == NULL) return 1;
        out->bytes = grown;
        out->capacity = capacity;
    }
    memcpy(out->bytes + out->length, p, size);
    out->length += size;
    return 0;
}

/* Dumps the function on top of the stack, debug information kept (errors name lines);
 * returns 0 on success. The caller frees out->bytes. */
static inline int karta_dump_top(lua_State *L, karta_dump_buffer *out) {
    return lua_dump(L, karta_dump_writer, out, 0);
}

/* Loads bytecode that karta_dump_top made in this process; pushes the function or an error. */
static inline int karta_load_compiled(lua_State *L, const char *bytes, size_t length, const char *chunkname) {
    return luaL_loadbufferx(L, bytes, length, chunkname, "b");
}

/* Calls the function below nargs arguments with karta_message_handler. */
static inline int karta_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, karta_message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

/* ---- macros as functions ---------------------------------------------- */

static inline void karta_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void karta_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *karta_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline int karta_isinteger(lua_State *L, int i) { return lua_isinteger(L, i); }
static inline lua_Integer karta_tointeger(lua_State *L, int i) { return lua_tointegerx(L, i, NULL); }
static inline lua_Number karta_tonumber(lua_State *L, int i) { return lua_tonumberx(L, i, NULL); }
static inline int karta_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int karta_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void karta_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void karta_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void karta_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline int karta_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
static inline void karta_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
static inline int karta_getref(lua_State *L, int ref) { return lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
static inline void karta_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }

#endif
