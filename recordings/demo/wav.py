"""Synthesised telephone audio for the demo: 8 kHz mono 8-bit PCM WAV files.

Nothing is downloaded. A small set of voice-like syllables (a few harmonics under
an attack-decay envelope) is rendered once with ``math``. Each call's file is a
sequence of those syllables and pauses, chosen by a random generator seeded with
the recording id. So every file differs, and a rebuild writes the same bytes.
"""
import array
import math
import random
import wave

SAMPLE_RATE = 8000
SAMPLE_WIDTH = 1  # bytes: unsigned 8-bit PCM, as narrow as a telephone line
SILENCE = 128  # the zero level of unsigned 8-bit PCM

# Pitch ranges in Hz of the two parties, so a listener hears them take turns.
AGENT_PITCHES = (190, 210, 230, 250, 270)
CUSTOMER_PITCHES = (105, 115, 125, 140, 155)
SYLLABLE_SECONDS = (0.12, 0.18, 0.26)
# Relative loudness of harmonics 1..4, a rough vowel shape inside 300-3400 Hz.
HARMONICS = (1.0, 0.6, 0.35, 0.2)


def render_syllable(pitch, seconds):
    """Return one syllable at ``pitch`` Hz as unsigned 8-bit samples."""
    count = int(SAMPLE_RATE * seconds)
    attack = max(1, count // 6)
    samples = array.array("B")
    for index in range(count):
        envelope = min(1.0, index / attack) * (1.0 - index / count) ** 0.5
        phase = 2 * math.pi * pitch * index / SAMPLE_RATE
        value = sum(weight * math.sin(number * phase) for number, weight in enumerate(HARMONICS, start=1))
        samples.append(SILENCE + int(40 * envelope * value))
    return samples.tobytes()


def build_syllables():
    """Render every (party, pitch, length) syllable once; return them keyed by party."""
    return {
        party: [render_syllable(pitch, seconds) for pitch in pitches for seconds in SYLLABLE_SECONDS]
        for party, pitches in (("agent", AGENT_PITCHES), ("customer", CUSTOMER_PITCHES))
    }


def silence(seconds):
    return bytes([SILENCE]) * int(SAMPLE_RATE * seconds)


class CallAudio:
    """Writer of the demo's call recordings; it renders the syllables once per instance."""

    def __init__(self):
        self.syllables = build_syllables()

    def frames(self, seed, seconds):
        """Return about ``seconds`` of alternating agent and customer speech for ``seed``."""
        rng = random.Random(seed)
        target = int(SAMPLE_RATE * seconds)
        parts = [silence(0.3)]
        length = len(parts[0])
        party = "agent"
        while length < target:
            for _ in range(rng.randint(3, 9)):
                parts.append(rng.choice(self.syllables[party]))
                parts.append(silence(rng.choice((0.03, 0.05, 0.08))))
            parts.append(silence(rng.uniform(0.25, 0.6)))
            length = sum(len(part) for part in parts)
            party = "customer" if party == "agent" else "agent"
        return b"".join(parts)[:target]

    def write(self, path, seed, seconds):
        """Write a WAV file of about ``seconds`` to ``path`` (a pathlib.Path)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(path), "wb") as output:
            output.setnchannels(1)
            output.setsampwidth(SAMPLE_WIDTH)
            output.setframerate(SAMPLE_RATE)
            output.writeframes(self.frames(seed, seconds))
