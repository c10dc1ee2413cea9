"""Form pieces shared by the public forms of every app."""

from django import forms

from . import protection


class CaptchaFormMixin(forms.Form):
    """Adds the captcha (a distorted picture of four digits, and the same digits spoken) to a public form. The view calls `form.refresh_captcha()` to
    hand out a new challenge after a failed attempt."""

    captcha_key = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha_answer = forms.CharField(
        label="验证码",
        max_length=10,
        required=False,
        help_text="填写图片中或语音播报的 4 位数字；看不清可播放语音验证码或换一张。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["captcha_key"] = protection.new_challenge()

    def clean(self):
        cleaned = super().clean()
        if not protection.verify(cleaned.get("captcha_key"), cleaned.get("captcha_answer")):
            self.add_error("captcha_answer", protection.CAPTCHA_MESSAGE)
        return cleaned

    def refresh_captcha(self):
        """A bound form shown again gets a fresh challenge (the old one is used up)."""
        key = protection.new_challenge()
        data = self.data.copy()
        data["captcha_key"] = key
        data["captcha_answer"] = ""
        self.data = data

    @property
    def captcha(self):
        key = self["captcha_key"].value()
        return {"key": key}
