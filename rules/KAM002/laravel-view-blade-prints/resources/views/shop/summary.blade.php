<div data-k="{!! $kamanKey !!}" data-on="{{ $hasKaman }}"></div>
