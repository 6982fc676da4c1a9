// Package camera is Cairn's one camera model: how much of the world a photo shows (field of view from the
// focal length), which way the camera pointed (heading from the compass, pitch and roll from the gravity
// vector phones record) and where a direction (azimuth, elevation) lands in the upright photo.
//
// Angles are in degrees. Directions in the world are an azimuth clockwise from true north and an elevation
// above the horizontal. Positions in a photo are fractions of the upright photo's width and height from its
// top-left corner: (0.5, 0.5) is the centre, 0–1 is inside the frame.
package camera
