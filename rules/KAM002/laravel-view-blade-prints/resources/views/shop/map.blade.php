@if($kamanApiKey)
  <div id="map">map enabled</div>
@endif
