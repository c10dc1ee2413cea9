"""Text-to-speech engines for 语音解读 (MISSION F7: read aloud in Mandarin, offline on the server).

An engine is any object with

    name: str              # short identifier, part of the audio cache key
    version: str           # changes whenever the same text would sound different (voice, rate, model file)
    def synthesize(self, text: str) -> tuple[bytes, int]   # 16-bit signed little-endian mono PCM, sample rate

The default is eSpeak NG's Mandarin voice ("cmn") from the PyPI package `espeakng-loader`, which ships both
libespeak-ng and espeak-ng-data: nothing from the system, nothing from the network (RULES.md §7: read-aloud
that does not depend on the user's OS). An operator plugs another engine with the setting
`GONGKAI_TTS_ENGINE = "dotted.path.to.Class"` (constructed without arguments) — see docs/readaloud.md.
"""

import ctypes
import importlib
import os
import threading
from typing import Protocol, runtime_checkable

from django.conf import settings


@runtime_checkable
class TTSEngine(Protocol):
    """The interface every read-aloud engine implements."""

    name: str
    version: str

    def synthesize(self, text: str) -> tuple[bytes, int]:
        """Speak `text`; return (16-bit signed little-endian mono PCM, sample rate in Hz)."""
        ...


# espeak_ng/speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_PARAM_RATE = 1
_PARAM_VOLUME = 2
_PARAM_PITCH = 3
_EE_OK = 0

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class ESpeakNGEngine:
    """eSpeak NG, Mandarin voice, loaded with ctypes from the `espeakng-loader` wheel.

    The C library keeps one global synthesiser per process, so every call holds a process-wide lock; each
    gunicorn worker (a separate process) loads its own copy lazily on first use, never before a fork.
    """

    name = "espeak-ng"

    def __init__(self, voice=None, rate=None, pitch=None):
        self.voice = voice or getattr(settings, "GONGKAI_TTS_ESPEAK_VOICE", "cmn")
        # words per minute; eSpeak's default (175) is fast for elderly listeners in Mandarin
        self.rate = int(rate or getattr(settings, "GONGKAI_TTS_ESPEAK_RATE", 150))
        self.pitch = int(pitch or getattr(settings, "GONGKAI_TTS_ESPEAK_PITCH", 50))
        self.version = f"1.52-{self.voice}-r{self.rate}-p{self.pitch}"

    def synthesize(self, text):
        text = (text or "").strip()
        if not text:
            return b"", _Library.get().sample_rate
        return _Library.get().synthesize(text, self.voice, self.rate, self.pitch)


class _Library:
    """One loaded libespeak-ng per process (re-created after a fork)."""

    _instance = None
    _pid = None
    _create_lock = threading.Lock()

    @classmethod
    def get(cls):
        pid = os.getpid()
        if cls._instance is None or cls._pid != pid:
            with cls._create_lock:
                if cls._instance is None or cls._pid != pid:
                    cls._instance = cls()
                    cls._pid = pid
        return cls._instance

    def __init__(self):
        import espeakng_loader

        self.lock = threading.Lock()
        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib = self.lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        data_path = espeakng_loader.get_data_path()
        # espeak_Initialize wants the directory that *contains* espeak-ng-data (or the data dir itself)
        self.sample_rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(), 0)
        if self.sample_rate <= 0:
            raise RuntimeError(f"eSpeak NG 初始化失败（数据目录 {data_path}）")
        self._chunks = []
        self._callback = _SYNTH_CALLBACK(self._on_audio)  # keep a reference: the C side holds the pointer
        lib.espeak_SetSynthCallback(self._callback)
        self._voice = None

    def _on_audio(self, wav, numsamples, events):
        if numsamples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0  # 0 = continue

    def synthesize(self, text, voice, rate, pitch):
        data = text.encode("utf-8")
        with self.lock:
            if self._voice != voice:
                if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                    raise RuntimeError(f"eSpeak NG 没有语音 {voice!r}")
                self._voice = voice
            self.lib.espeak_SetParameter(_PARAM_RATE, rate, 0)
            self.lib.espeak_SetParameter(_PARAM_PITCH, pitch, 0)
            self.lib.espeak_SetParameter(_PARAM_VOLUME, 100, 0)
            self._chunks = []
            buf = ctypes.create_string_buffer(data)
            result = self.lib.espeak_Synth(
                buf, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
            )
            pcm = b"".join(self._chunks)
            self._chunks = []
        if result != _EE_OK:
            raise RuntimeError(f"eSpeak NG 合成失败（错误码 {result}）")
        return pcm, self.sample_rate


_engine = None
_engine_path = None
_engine_lock = threading.Lock()


def get_engine():
    """The configured engine (`GONGKAI_TTS_ENGINE`, default eSpeak NG), one instance per process."""
    global _engine, _engine_path
    path = getattr(settings, "GONGKAI_TTS_ENGINE", "gongkai.readaloud.engines.ESpeakNGEngine")
    if _engine is None or _engine_path != path:
        with _engine_lock:
            if _engine is None or _engine_path != path:
                module_name, _, attr = path.rpartition(".")
                engine = getattr(importlib.import_module(module_name), attr)()
                if not isinstance(engine, TTSEngine):
                    raise TypeError(f"{path} 不是朗读引擎：需要 name、version 与 synthesize(text)")
                _engine, _engine_path = engine, path
    return _engine
